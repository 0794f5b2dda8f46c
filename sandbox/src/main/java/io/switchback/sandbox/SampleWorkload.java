package io.switchback.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.switchback.healthmonitor.MetricsProfile;
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
 * Prometheus Java client under the names of a metrics profile ({@link SampleMetrics}; Spring Boot and Micrometer's
 * unless told otherwise), so that Switchback sees it as it would see a team's service.
 * <ul>
 *   <li>{@code GET /} serves a request: 200 with the version, or a 500 at the configured error ratio,
 *       after the simulated latency; headers {@code X-Pod} and {@code X-Version} say who answered. Any other
 *       path is a 404, as in a real application.</li>
 *   <li>the profile's metrics path ({@code /actuator/prometheus} for Spring Boot): for Spring Boot
 *       {@code http_server_requests_seconds} (a histogram with {@code method}, {@code uri}, {@code status},
 *       {@code outcome}) and {@code resilience4j_circuitbreaker_state} ({@code name}, {@code state}; 1 for the
 *       current state).</li>
 *   <li>the profile's health path ({@code /actuator/health} for Spring Boot): 200 UP, or 503 OUT_OF_SERVICE
 *       while the image's fault says so ({@code -unready}; {@code -unready-after-N} from N seconds after the pod
 *       first became ready).</li>
 * </ul>
 * The kubelet tells it when the pod first became ready ({@link #podFirstReadyAt}); it closes it to make the
 * process exit, and a closed workload's port refuses connections.
 */
public final class SampleWorkload implements AutoCloseable {

    private final String podName;
    private final WorkloadBehaviour behaviour;
    private final HttpServer server;
    private final ExecutorService workers;
    private final SampleMetrics metrics;
    private volatile Instant firstReadyAt;

    public SampleWorkload(String podName, WorkloadBehaviour behaviour) {
        this(podName, behaviour, 0);
    }

    /** A Spring Boot workload listening on {@code port} of 127.0.0.1 (0: any free port), as a restarted container keeps its port. */
    public SampleWorkload(String podName, WorkloadBehaviour behaviour, int port) {
        this(podName, behaviour, port, MetricsProfile.Kind.SPRING_BOOT);
    }

    /** A workload whose metrics and endpoints are those of the {@code profile} world. */
    public SampleWorkload(String podName, WorkloadBehaviour behaviour, int port, MetricsProfile.Kind profile) {
        this(podName, behaviour, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), profile);
    }

    /** A workload listening on {@code address}: every interface in a container ({@link SampleWorkloadMain}). */
    SampleWorkload(String podName, WorkloadBehaviour behaviour, InetSocketAddress address, MetricsProfile.Kind profile) {
        this.podName = podName;
        this.behaviour = behaviour;
        this.metrics = new SampleMetrics(profile, behaviour::circuitBreakerOpen);
        try {
            this.server = server(address, 64);
        } catch (IOException e) {
            throw new UncheckedIOException("pod " + podName + " could not listen", e);
        }
        this.workers = Executors.newFixedThreadPool(32, r -> {
            Thread thread = new Thread(r, "pod-" + podName);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext(metrics.metricsPath(), new MetricsHandler(metrics.registry()));
        server.createContext(metrics.healthPath(), this::health);
        server.createContext("/", this::serve);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    public WorkloadBehaviour behaviour() {
        return behaviour;
    }

    private void serve(HttpExchange exchange) throws IOException {
        if (!"/".equals(exchange.getRequestURI().getPath())) {
            respond(exchange, 404, "not found\n");
            return;
        }
        long start = System.nanoTime();
        simulateWork();
        boolean fail = ThreadLocalRandom.current().nextDouble() < behaviour.errorRatio();
        int status = fail ? 500 : 200;
        String body = fail ? "simulated failure\n" : "ok " + behaviour.version() + "\n";
        // observed before the answer leaves, so a scrape after a response always counts it
        metrics.observe(exchange.getRequestMethod(), "/", status, (System.nanoTime() - start) / 1e9);
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

    /**
     * An HTTP server on 127.0.0.1 (or, for a container, on {@code address}) that sends its answers at once, as the servers of real pods do (Tomcat, Netty,
     * Go's net/http all set TCP_NODELAY). The JDK's server does not by default: it writes headers and body
     * apart, so Nagle's algorithm holds the body back until the client's delayed ACK, about 40 ms a request on
     * Linux, which made every scrape of a sandbox pod 40 ms slow.
     */
    static HttpServer loopbackServer(int port, int backlog) throws IOException {
        return server(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    }

    private static HttpServer server(InetSocketAddress address, int backlog) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        return HttpServer.create(address, backlog);
    }

    /** Answers with {@code body} (UTF-8), whatever headers the caller set before. */
    static void respond(HttpExchange exchange, int status, String body) throws IOException {
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
