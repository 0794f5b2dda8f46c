package io.switchback.sandbox;

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
 * Posts JSON to the build-listener signed as a CI step or an operator's CLI signs it: builds with the repository's
 * credential, commands with the operator's; a delivery id per post, or the caller's when it retries one.
 */
public final class SignedClient {

    /** A credential id and its secret. */
    record Credential(String id, String secret) {
        @Override
        public String toString() {
            return "Credential[" + id + "]";
        }
    }

    private final URI base;
    private final Credential sender;
    private final Credential operator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SignedClient(URI base, Credential sender, Credential operator) {
        this.base = base;
        this.sender = sender;
        this.operator = operator;
    }

    public HttpResponse<String> post(String path, String json) {
        return post(path, json, UUID.randomUUID().toString());
    }

    /** Posts with this delivery id: the same on every retry of one delivery, so a replay is not written twice. */
    public HttpResponse<String> post(String path, String json, String delivery) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Credential credential = path.endsWith("v1/builds") ? sender : operator;
        long now = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header(RequestSignature.CREDENTIAL, credential.id())
                .header(RequestSignature.DELIVERY, delivery)
                .header(RequestSignature.TIMESTAMP, Long.toString(now))
                .header(RequestSignature.SIGNATURE, RequestSignature.sign(credential.secret(), now, delivery, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
