package io.switchback.buildlistener;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The edge's requests in {@code http.server.requests}, under the name and tag keys Spring's HTTP server observation
 * gives every other request (error, exception, method, outcome, status, uri), recorded straight to a timer made once
 * per combination. The observation's own machinery (a context, key values, an active-requests timer and meter lookups
 * on every request) took about an eighth of the request threads' CPU at 5,000 requests a second
 * (docs/decisions.md); the edge's requests do not pass its filter ({@link MvcOnlyFilters}).
 */
final class IngressTimers {

    static final String METRIC = "http.server.requests";
    /** The servlet path {@link IngressServlet} is mapped at. */
    static final String SERVLET_PATH = "/v1";

    private record Key(String method, String uri, int status, String exception) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    IngressTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param uri the route's path, or {@link #unmatched} for a path the edge does not serve
     * @param exception the exception that escaped, or null
     */
    void record(String method, String uri, int status, Throwable exception, long nanos) {
        String thrown = exception == null ? "none" : exception.getClass().getSimpleName();
        Timer timer = timers.computeIfAbsent(new Key(method, uri, status, thrown), this::timer);
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return Timer.builder(METRIC)
                .tag("error", key.exception())
                .tag("exception", key.exception())
                .tag("method", key.method())
                .tag("outcome", Outcome.forStatus(key.status()).name())
                .tag("status", Integer.toString(key.status()))
                .tag("uri", key.uri())
                .register(registry);
    }

    /** The uri of a request no route took, as Spring names it: {@code NOT_FOUND} for a 404, else {@code UNKNOWN}. */
    static String unmatched(int status) {
        return status == 404 ? "NOT_FOUND" : "UNKNOWN";
    }
}
