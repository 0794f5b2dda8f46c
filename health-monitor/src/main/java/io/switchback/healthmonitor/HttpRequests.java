package io.switchback.healthmonitor;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The health-monitor's HTTP requests (to pods, to Prometheus), each sent on a bounded pool of threads of its own.
 *
 * <p>Not {@link HttpClient#sendAsync}: the JDK's client hands every asynchronous answer on to
 * {@code CompletableFuture}'s default executor, and with 2 CPUs or fewer (a small container, the reference
 * machine) that executor starts a new thread for every task. At 1,000 live releases this started 1,600 threads a
 * second and took more CPU than the scraping itself (docs/benchmarks.md). A blocking send on a fixed pool starts
 * no thread per request. The pool's threads end when idle, so a source nobody uses holds none.
 */
final class HttpRequests {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final HttpClient http;
    private final ThreadPoolExecutor pool;

    /** @param threads how many requests may be on their way at once; more wait their turn */
    HttpRequests(Duration connectTimeout, int threads) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
        String prefix = "health-http-" + POOLS.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** The answer, its body as text; completes exceptionally when there was none (refused, timed out). */
    CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, pool);
    }
}
