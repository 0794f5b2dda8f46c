package io.switchback.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An in-test stand-in for the build-listener's HTTP contract. A request is authenticated as the server does
 * it: either {@code X-Switchback-Credential}, {@code -Timestamp} (within five minutes of now) and
 * {@code -Signature-256} (HMAC-SHA256 over {@code "<timestamp>.<delivery>."} and the raw body, keyed with the
 * credential's secret), or {@code Authorization: Bearer} with the OIDC token this stub hands out; every
 * request needs an {@code X-Switchback-Delivery}. A refused request gets 401; an authenticated one the
 * scripted answers in order, then 202 accepted, or 200 duplicate for a delivery accepted before. It also
 * plays GitHub's OIDC token endpoint at {@link #tokenRequestUrl()}.
 */
final class BuildListenerStub implements AutoCloseable {

    /** A scripted answer; {@code accepts} makes the stub remember the delivery as accepted even so (a lost 2xx). */
    record Answer(int status, String body, String retryAfter, boolean accepts) {
    }

    record Received(String path, String contentType, String credential, String delivery, String timestamp,
            String signature, String authorization, byte[] body, boolean authenticated, long receivedNanos) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        long epochSeconds() {
            return Long.parseLong(timestamp);
        }
    }

    record TokenRequest(String query, String authorization) {
    }

    static final String EVENT_ID = "0d9c3a1e-9f1b-4f5e-8c1a-2b3c4d5e6f70";
    /** What the token endpoint hands out, shaped like a JWT. */
    static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJyZXBvc2l0b3J5IjoiYWNtZS9jaGVja291dCJ9.c2lnbmF0dXJl";

    private static final Pattern DELIVERY = Pattern.compile("[A-Za-z0-9._:-]{8,128}");
    private static final long CLOCK_SKEW_SECONDS = 300;

    private final HttpServer server;
    private final String credential;
    private final byte[] secret;
    private final String requestToken;
    private final Queue<Answer> scripted = new ConcurrentLinkedQueue<>();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();

    /**
     * @param requestToken what GitHub puts in {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}: the token endpoint
     *     answers only a request carrying it
     */
    BuildListenerStub(String credential, String secret, String requestToken) throws IOException {
        this.credential = credential;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.requestToken = requestToken;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.createContext("/oidc-token", this::token);
        server.start();
    }

    BuildListenerStub answer(int status, String body) {
        return answer(new Answer(status, body, null, false));
    }

    BuildListenerStub answer(Answer answer) {
        scripted.add(answer);
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** As GitHub sets {@code ACTIONS_ID_TOKEN_REQUEST_URL}: with a query the audience is appended to. */
    String tokenRequestUrl() {
        return url() + "/oidc-token?api-version=2.0";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<TokenRequest> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            String delivery = headers.getFirst("X-Switchback-Delivery");
            String timestamp = headers.getFirst("X-Switchback-Timestamp");
            String signature = headers.getFirst("X-Switchback-Signature-256");
            String authorization = headers.getFirst("Authorization");
            String sender = headers.getFirst("X-Switchback-Credential");
            boolean authenticated = authorization != null
                    ? authorization.equals("Bearer " + ID_TOKEN)
                    : credential.equals(sender) && fresh(timestamp) && delivery != null
                            && signature != null && MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                            ("sha256=" + hmacSha256Hex(timestamp + "." + delivery + ".", body))
                                    .getBytes(StandardCharsets.US_ASCII));
            received.add(new Received(exchange.getRequestURI().getPath(), headers.getFirst("Content-Type"), sender,
                    delivery, timestamp, signature, authorization, body, authenticated, System.nanoTime()));
            respond(exchange, answer(exchange.getRequestMethod(), delivery, authenticated));
        }
    }

    private Answer answer(String method, String delivery, boolean authenticated) {
        if (!"POST".equals(method)) {
            return new Answer(405, "{\"error\":\"POST only\"}", null, false);
        }
        if (delivery == null || !DELIVERY.matcher(delivery).matches()) {
            return new Answer(400, "{\"error\":\"X-Switchback-Delivery must match [A-Za-z0-9._:-]{8,128}\"}", null, false);
        }
        if (!authenticated) {
            return new Answer(401, "{\"error\":\"signature does not match\"}", null, false);
        }
        Answer next = scripted.poll();
        if (next != null) {
            if (next.accepts()) {
                accepted.add(delivery);
            }
            return next;
        }
        if (!accepted.add(delivery)) {
            return new Answer(200, "{\"status\":\"duplicate\",\"delivery\":\"" + delivery + "\",\"eventId\":\""
                    + EVENT_ID + "\"}", null, false);
        }
        return new Answer(202, "{\"status\":\"accepted\",\"delivery\":\"" + delivery + "\",\"eventId\":\""
                + EVENT_ID + "\",\"type\":\"io.switchback.build.completed.v1\",\"topic\":\"switchback.builds\"}", null, false);
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            tokenRequests.add(new TokenRequest(exchange.getRequestURI().getQuery(), authorization));
            boolean allowed = ("bearer " + requestToken).equals(authorization);
            respond(exchange, allowed
                    ? new Answer(200, "{\"count\":1,\"value\":\"" + ID_TOKEN + "\"}", null, false)
                    : new Answer(403, "{\"message\":\"bad request token\"}", null, false));
        }
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] response = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
        }
        exchange.sendResponseHeaders(answer.status(), response.length);
        exchange.getResponseBody().write(response);
    }

    private static boolean fresh(String timestamp) {
        if (timestamp == null || !timestamp.matches("[0-9]{1,12}")) {
            return false;
        }
        return Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) <= CLOCK_SKEW_SECONDS;
    }

    private String hmacSha256Hex(String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
