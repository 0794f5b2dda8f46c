package io.switchback.cli;

import io.switchback.events.RequestSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Posts a command to the build-listener signed with the operator's credential (docs/api.md#signing). One delivery id
 * per command: a 503 is retried with the same one, so a command the broker took after all is not written twice.
 */
final class OperatorClient {

    /** The listener's answer. */
    record Answer(int status, String body) {
        boolean accepted() {
            return status == 202 || status == 200;
        }
    }

    private static final int ATTEMPTS = 3;

    private final URI base;
    private final String credential;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OperatorClient(Settings settings) {
        String url = settings.required(Settings.URL, "the build-listener's address, to send the command to");
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.credential = settings.required(Settings.CREDENTIAL, "the operator credential's id");
        this.secret = settings.secret();
    }

    Answer post(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String delivery = UUID.randomUUID().toString();
        Answer answer = null;
        for (int attempt = 1; attempt <= ATTEMPTS && (answer == null || answer.status() == 503); attempt++) {
            if (answer != null) {
                pause(Duration.ofSeconds(attempt));
            }
            answer = send(path, body, delivery);
        }
        return answer;
    }

    private Answer send(String path, byte[] body, String delivery) {
        long now = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(RequestSignature.CREDENTIAL, credential)
                .header(RequestSignature.DELIVERY, delivery)
                .header(RequestSignature.TIMESTAMP, Long.toString(now))
                .header(RequestSignature.SIGNATURE, RequestSignature.sign(secret, now, delivery, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the build-listener at " + base + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
