package io.switchback.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An in-test stand-in for the build-listener's HTTP contract: checks {@code X-Switchback-Signature-256}
 * (HMAC-SHA256 of the raw body, the same algorithm as the server) and answers 401 when it does not match;
 * otherwise plays the scripted answers in order, then 202 with an event id.
 */
final class BuildListenerStub implements AutoCloseable {

    record Answer(int status, String body) {
    }

    record Received(String path, String contentType, String signature, byte[] body, boolean signatureValid) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static final String EVENT_ID = "0d9c3a1e-9f1b-4f5e-8c1a-2b3c4d5e6f70";

    private final HttpServer server;
    private final byte[] secret;
    private final Queue<Answer> scripted = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    BuildListenerStub(String secret) throws IOException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    BuildListenerStub answer(int status, String body) {
        scripted.add(new Answer(status, body));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("X-Switchback-Signature-256");
            boolean valid = signature != null && MessageDigest.isEqual(
                    signature.getBytes(StandardCharsets.US_ASCII),
                    ("sha256=" + hmacSha256Hex(body)).getBytes(StandardCharsets.US_ASCII));
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), signature, body, valid));
            Answer answer;
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer = new Answer(405, "{\"error\":\"POST only\"}");
            } else if (!valid) {
                answer = new Answer(401, "{\"error\":\"signature does not match\"}");
            } else {
                Answer next = scripted.poll();
                answer = next != null ? next : new Answer(202, "{\"eventId\":\"" + EVENT_ID + "\"}");
            }
            byte[] response = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), response.length);
            exchange.getResponseBody().write(response);
        }
    }

    private String hmacSha256Hex(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
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
