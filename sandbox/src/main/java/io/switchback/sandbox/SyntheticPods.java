package io.switchback.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many healthy pods behind one HTTP server, for measuring the monitor rather than the pods: pod {@code p}'s
 * metrics are at {@code /pods/p/metrics} (Spring Boot's names, counters growing at {@code rate} requests a
 * second since the server started, 0.5% of them 5xx, all faster than 100 ms), and every pod's health at
 * {@code /actuator/health}. The figures are computed from the clock on each scrape, so a pod costs nothing
 * between scrapes.
 */
final class SyntheticPods implements AutoCloseable {

    static final double ERROR_SHARE = 0.005;
    private static final String PREFIX = "/pods/";
    private static final String SUFFIX = "/metrics";

    private final HttpServer server;
    private final ExecutorService workers;
    private final long startedNanos = System.nanoTime();
    private final double rate;

    private SyntheticPods(double rate, int threads) throws IOException {
        this.rate = rate;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "synthetic-pods-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = SampleWorkload.loopbackServer(0, 1024);
        server.createContext("/pods/", this::metrics);
        server.createContext("/actuator/health", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            SampleWorkload.respond(exchange, 200, "{\"status\":\"UP\"}");
        });
        server.setExecutor(workers);
        server.start();
    }

    /** @param rate requests a second each pod reports serving */
    static SyntheticPods start(double rate, int threads) {
        try {
            return new SyntheticPods(rate, threads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    static String metricsPath(String pod) {
        return PREFIX + pod + SUFFIX;
    }

    private void metrics(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.endsWith(SUFFIX)) {
            SampleWorkload.respond(exchange, 404, "no such pod endpoint");
            return;
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        long requests = (long) (rate * seconds);
        long errors = (long) (requests * ERROR_SHARE);
        long ok = requests - errors;
        StringBuilder body = new StringBuilder(1024)
                .append("# TYPE http_server_requests_seconds histogram\n");
        series(body, "200", "SUCCESS", ok);
        series(body, "500", "SERVER_ERROR", errors);
        body.append("# TYPE resilience4j_circuitbreaker_state gauge\n")
                .append("resilience4j_circuitbreaker_state{name=\"backend\",state=\"closed\"} 1\n")
                .append("resilience4j_circuitbreaker_state{name=\"backend\",state=\"open\"} 0\n");
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        SampleWorkload.respond(exchange, 200, body.toString());
    }

    private static void series(StringBuilder body, String status, String outcome, long count) {
        String labels = "method=\"GET\",outcome=\"" + outcome + "\",status=\"" + status + "\",uri=\"/\"";
        for (String le : new String[] {"0.05", "0.1", "0.25", "0.5", "1.0", "+Inf"}) {
            long inBucket = le.equals("0.05") ? count / 2 : count;
            body.append("http_server_requests_seconds_bucket{").append(labels).append(",le=\"").append(le)
                    .append("\"} ").append(inBucket).append('\n');
        }
        body.append("http_server_requests_seconds_count{").append(labels).append("} ").append(count).append('\n')
                .append("http_server_requests_seconds_sum{").append(labels).append("} ").append(count * 0.04)
                .append('\n');
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
