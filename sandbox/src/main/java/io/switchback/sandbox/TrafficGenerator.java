package io.switchback.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends requests to a Service through the {@link TrafficRouter} at a fixed rate (default 50 per second),
 * without waiting for slow answers, and records every outcome in a {@link TrafficLog}.
 */
public final class TrafficGenerator implements AutoCloseable {

    public static final int DEFAULT_RATE = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final TrafficRouter router;
    private final TrafficLog log = new TrafficLog();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "traffic-generator");
        thread.setDaemon(true);
        return thread;
    });

    private TrafficGenerator(TrafficRouter router) {
        this.router = router;
    }

    /** Starts sending {@code ratePerSecond} requests a second. */
    public static TrafficGenerator start(TrafficRouter router, int ratePerSecond) {
        if (ratePerSecond < 1 || ratePerSecond > 10_000) {
            throw new IllegalArgumentException("traffic rate must be 1..10000 requests/s, got " + ratePerSecond);
        }
        TrafficGenerator generator = new TrafficGenerator(router);
        long periodMicros = 1_000_000L / ratePerSecond;
        generator.ticker.scheduleAtFixedRate(generator::sendOne, 0, periodMicros, TimeUnit.MICROSECONDS);
        return generator;
    }

    public TrafficLog log() {
        return log;
    }

    private void sendOne() {
        Instant sentAt = Instant.now();
        long start = System.nanoTime();
        Optional<TrafficRouter.Endpoint> endpoint = router.pick();
        if (endpoint.isEmpty()) {
            log.add(new TrafficRecord(sentAt, null, null, null, 503, 0));
            return;
        }
        TrafficRouter.Endpoint target = endpoint.get();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + "/"))
                .timeout(TIMEOUT).GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            long latencyMs = (System.nanoTime() - start) / 1_000_000;
            if (error != null) {
                int status = error.getCause() instanceof HttpTimeoutException || error instanceof HttpTimeoutException
                        ? 504 : 502;
                log.add(new TrafficRecord(sentAt, target.pod(), target.color(), null, status, latencyMs));
            } else {
                String version = response.headers().firstValue("X-Version").orElse(null);
                log.add(new TrafficRecord(sentAt, target.pod(), target.color(), version, response.statusCode(),
                        latencyMs));
            }
        });
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
