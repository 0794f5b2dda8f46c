package io.switchback.healthmonitor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pod's HTTP endpoints as a Spring Boot service exposes them, with traffic the test dictates: requests
 * accumulate at a steady rate from the moment it starts, a fixed share of them 5xx, all under 25 ms.
 */
final class FakePod implements AutoCloseable {

    private static final String LABELS = "method=\"GET\",outcome=\"%s\",status=\"%d\",uri=\"/checkout\"";

    private final HttpServer server;
    private final long startedNanos = System.nanoTime();
    private final int requestsPerSecond;
    private final AtomicInteger scrapes = new AtomicInteger();
    volatile double errorRatio;
    volatile int healthStatus = 200;
    volatile boolean breakerOpen;

    FakePod(int requestsPerSecond, double errorRatio) {
        this.requestsPerSecond = requestsPerSecond;
        this.errorRatio = errorRatio;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/actuator/prometheus", exchange -> {
            scrapes.incrementAndGet();
            respond(exchange, 200, metrics());
        });
        server.createContext("/actuator/health", exchange -> respond(exchange, healthStatus,
                healthStatus == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}"));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    int scrapes() {
        return scrapes.get();
    }

    String metrics() {
        long requests = (System.nanoTime() - startedNanos) * requestsPerSecond / 1_000_000_000L;
        long errors = (long) Math.floor(requests * errorRatio);
        StringBuilder text = new StringBuilder("# TYPE http_server_requests_seconds histogram\n");
        series(text, String.format(LABELS, "SUCCESS", 200), requests - errors);
        series(text, String.format(LABELS, "SERVER_ERROR", 500), errors);
        text.append("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/actuator/prometheus\"} ")
                .append(scrapes.get()).append('\n');
        text.append("# TYPE resilience4j_circuitbreaker_state gauge\n")
                .append("resilience4j_circuitbreaker_state{name=\"backend\",state=\"open\"} ").append(breakerOpen ? 1 : 0).append('\n')
                .append("resilience4j_circuitbreaker_state{name=\"backend\",state=\"closed\"} ").append(breakerOpen ? 0 : 1).append('\n');
        return text.toString();
    }

    private static void series(StringBuilder text, String labels, long count) {
        for (String le : new String[] {"0.025", "0.5", "+Inf"}) {
            text.append("http_server_requests_seconds_bucket{").append(labels).append(",le=\"").append(le).append("\"} ")
                    .append(count).append('\n');
        }
        text.append("http_server_requests_seconds_count{").append(labels).append("} ").append(count).append('\n');
        text.append("http_server_requests_seconds_sum{").append(labels).append("} ").append(count * 0.01).append('\n');
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
