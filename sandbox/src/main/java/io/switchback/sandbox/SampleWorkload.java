package io.switchback.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The sample application one simulated pod runs: a real HTTP server on 127.0.0.1, instrumented with the
 * Prometheus Java client under the names Spring Boot and Micrometer use, so that Switchback sees it as it
 * would see a team's Spring Boot service.
 * <ul>
 *   <li>{@code GET /} serves a request: 200 with the version, or a 500 at the configured error ratio,
 *       after the simulated latency; headers {@code X-Pod} and {@code X-Version} say who answered.</li>
 *   <li>{@code GET /actuator/prometheus}: {@code http_server_requests_seconds} (a histogram with
 *       {@code method}, {@code uri}, {@code status}, {@code outcome}) and
 *       {@code resilience4j_circuitbreaker_state} ({@code name}, {@code state}; 1 for the current state).</li>
 *   <li>{@code GET /actuator/health}: 200 UP, or 503 OUT_OF_SERVICE while the image's fault says so
 *       ({@code -unready}; {@code -unready-after-N} from N seconds after the pod first became ready).</li>
 * </ul>
 * The kubelet tells it when the pod first became ready ({@link #podFirstReadyAt}); it closes it to make the
 * process exit, and a closed workload's port refuses connections.
 */
public final class SampleWorkload implements AutoCloseable {

    static final String[] BREAKER_STATES = {"closed", "open", "half_open", "forced_open", "disabled", "metrics_only"};
    private static final double[] LATENCY_BUCKETS =
            {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 1, 1.5, 2, 3, 5, 10};

    private final String podName;
    private final WorkloadBehaviour behaviour;
    private final HttpServer server;
    private final ExecutorService workers;
    private final Histogram requests;
    private volatile Instant firstReadyAt;

    public SampleWorkload(String podName, WorkloadBehaviour behaviour) {
        this(podName, behaviour, 0);
    }

    /** A workload listening on {@code port} of 127.0.0.1 (0: any free port), as a restarted container keeps its port. */
    public SampleWorkload(String podName, WorkloadBehaviour behaviour, int port) {
        this.podName = podName;
        this.behaviour = behaviour;
        PrometheusRegistry registry = new PrometheusRegistry();
        this.requests = Histogram.builder()
                .name("http_server_requests_seconds")
                .help("Duration of HTTP server request handling")
                .unit(Unit.SECONDS)
                .labelNames("method", "uri", "status", "outcome")
                .classicOnly()
                .classicUpperBounds(LATENCY_BUCKETS)
                .register(registry);
        GaugeWithCallback.builder()
                .name("resilience4j_circuitbreaker_state")
                .help("The states of the circuit breaker")
                .labelNames("name", "state")
                .callback(callback -> {
                    String current = behaviour.circuitBreakerOpen() ? "open" : "closed";
                    for (String state : BREAKER_STATES) {
                        callback.call(state.equals(current) ? 1 : 0, "backend", state);
                    }
                })
                .register(registry);
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("pod " + podName + " could not listen", e);
        }
        this.workers = Executors.newFixedThreadPool(32, r -> {
            Thread thread = new Thread(r, "pod-" + podName);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/actuator/prometheus", new MetricsHandler(registry));
        server.createContext("/actuator/health", this::health);
        server.createContext("/", this::serve);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public WorkloadBehaviour behaviour() {
        return behaviour;
    }

    private void serve(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        simulateWork();
        boolean fail = ThreadLocalRandom.current().nextDouble() < behaviour.errorRatio();
        int status = fail ? 500 : 200;
        String body = fail ? "simulated failure\n" : "ok " + behaviour.version() + "\n";
        // observed before the answer leaves, so a scrape after a response always counts it
        requests.labelValues(exchange.getRequestMethod(), "/", Integer.toString(status), fail ? "SERVER_ERROR" : "SUCCESS")
                .observe((System.nanoTime() - start) / 1e9);
        exchange.getResponseHeaders().add("X-Pod", podName);
        exchange.getResponseHeaders().add("X-Version", behaviour.version());
        respond(exchange, status, body);
    }

    private void simulateWork() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = behaviour.slowMillis() > 0
                ? random.nextLong(behaviour.slowMillis() / 2, behaviour.slowMillis() + 1L)
                : random.nextLong(5, 26);
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** When the pod first became ready: the clock of an {@code -unready-after-N} fault. Later calls change nothing. */
    public void podFirstReadyAt(Instant at) {
        if (firstReadyAt == null) {
            firstReadyAt = at;
        }
    }

    /** Whether the health endpoint answers UP now. */
    boolean healthy() {
        if (behaviour.unready()) {
            return false;
        }
        Instant since = firstReadyAt;
        return behaviour.unreadyAfter() == null || since == null
                || Instant.now().isBefore(since.plus(behaviour.unreadyAfter()));
    }

    private void health(HttpExchange exchange) throws IOException {
        boolean up = healthy();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        respond(exchange, up ? 200 : 503, up ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}");
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
        workers.shutdownNow();
    }
}
