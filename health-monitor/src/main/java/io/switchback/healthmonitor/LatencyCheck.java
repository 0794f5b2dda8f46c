package io.switchback.healthmonitor;

import io.switchback.events.HealthCheck;
import java.util.Locale;
import java.util.TreeMap;

/** Fails when the p95 request latency over the window, from the histogram's buckets, is above the threshold. */
public record LatencyCheck(double thresholdMs, long minimumRequests) implements TriggerCheck {

    static final String UNIT = "ms";
    private static final double QUANTILE = 0.95;

    @Override
    public HealthCheck check() {
        return HealthCheck.P95_LATENCY;
    }

    @Override
    public CheckResult evaluate(WindowStats window) {
        long requests = window.requests();
        double p95Ms = HistogramQuantile.of(QUANTILE, new TreeMap<>(window.buckets())) * 1000;
        if (requests < minimumRequests || Double.isNaN(p95Ms)) {
            return CheckResult.inconclusive(check(), thresholdMs, UNIT, requests, minimumRequests,
                    Double.isNaN(p95Ms) && requests >= minimumRequests
                            ? "no latency histogram (http_server_requests_seconds_bucket) in the scrapes"
                            : requests + " requests in the window, " + minimumRequests + " needed");
        }
        return CheckResult.judged(check(), p95Ms > thresholdMs, p95Ms, thresholdMs, UNIT, requests, minimumRequests,
                String.format(Locale.ROOT, "p95 latency %.1f ms, above %.1f ms", p95Ms, thresholdMs));
    }
}
