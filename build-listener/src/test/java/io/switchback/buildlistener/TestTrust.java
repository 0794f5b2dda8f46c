package io.switchback.buildlistener;

import io.switchback.events.RequestSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The trust the build-listener's tests run with (test-only secrets in test-trust.yml), and a client
 * that signs as the action and the CLI do.
 */
final class TestTrust {

    static final String SHOP = "acme/shop";
    static final String SHOP_SECRET = "test-only-shop-secret-0123456789abcdef";
    static final String SHOP_NEXT_SECRET = "test-only-shop-next-secret-0123456789ab";
    static final String OTHER = "other/tools";
    static final String OTHER_SECRET = "test-only-other-secret-0123456789abcde";
    static final String ALICE = "alice";
    static final String ALICE_SECRET = "test-only-alice-secret-0123456789abcde";
    static final String BOB = "bob";
    static final String BOB_SECRET = "test-only-bob-secret-0123456789abcdefg";
    static final String HOOK_SECRET = "test-only-webhook-secret-0123456789abc";

    static final String CAROL = "carol";
    static final String CAROL_SECRET = "test-only-carol-secret-0123456789abcdef";
    static final String OTHER_HOOK_SECRET = "test-only-other-webhook-secret-012345678";
    /** An operator that may send rollbacks and nothing else, as rollback.yml's is. */
    static final String ROLLBACK_BOT = "rollback-bot";
    static final String ROLLBACK_BOT_SECRET = "test-only-rollback-bot-secret-01234567";

    /**
     * Imports test-trust.yml: acme/shop deploys cart and checkout from ghcr.io/acme, other/tools deploys tools; alice
     * approves production; carol acts in staging only; GitHub's webhook of the acme organisation maps release.yml.
     */
    static final String IMPORT = "spring.config.import=classpath:test-trust.yml";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestTrust() {
    }

    /** A request signed now by this credential, with a new delivery id. */
    static HttpResponse<String> post(int port, String path, String credential, String secret, String body) {
        return post(port, path, credential, secret, newDelivery(), Instant.now().getEpochSecond(), body);
    }

    static HttpResponse<String> post(int port, String path, String credential, String secret, String delivery,
            long timestamp, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(request(port, path, bytes)
                .header(RequestSignature.CREDENTIAL, credential)
                .header(RequestSignature.DELIVERY, delivery)
                .header(RequestSignature.TIMESTAMP, Long.toString(timestamp))
                .header(RequestSignature.SIGNATURE, RequestSignature.sign(secret, timestamp, delivery, bytes)));
    }

    static HttpRequest.Builder request(int port, String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String newDelivery() {
        return UUID.randomUUID().toString();
    }

    static String eventIdOf(HttpResponse<String> response) {
        return response.body().replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1");
    }

    static String uniqueService(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
