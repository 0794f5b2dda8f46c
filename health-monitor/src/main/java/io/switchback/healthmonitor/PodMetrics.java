package io.switchback.healthmonitor;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What one pod's counters say at one instant, summed over label sets: requests, 5xx responses, the cumulative
 * latency buckets, and how many circuit breakers are open. Which metrics and labels give them is the service's
 * {@link MetricsProfile}; the pod's own probes and scrapes are not its traffic and are left out.
 *
 * @param buckets cumulative request counts by upper bound in seconds ({@code le}), +Inf included
 */
public record PodMetrics(double requests, double errors, Map<Double, Double> buckets, int openBreakers) {

    public PodMetrics {
        buckets = Collections.unmodifiableNavigableMap(new TreeMap<>(buckets));
    }

    /** A Spring Boot service's exposition ({@link MetricsProfile#SPRING_BOOT}). */
    public static PodMetrics from(List<PrometheusText.Sample> samples) {
        return MetricsProfile.SPRING_BOOT.read(samples);
    }

    /** Whether any counter is below the one in {@code earlier}: the pod restarted in between. */
    public boolean resetSince(PodMetrics earlier) {
        if (requests < earlier.requests || errors < earlier.errors) {
            return true;
        }
        return earlier.buckets.entrySet().stream()
                .anyMatch(e -> buckets.getOrDefault(e.getKey(), 0.0) < e.getValue());
    }

    /** The traffic between {@code earlier} and this scrape. */
    public PodMetrics minus(PodMetrics earlier) {
        NavigableMap<Double, Double> delta = new TreeMap<>(buckets);
        earlier.buckets.forEach((le, count) -> delta.merge(le, -count, Double::sum));
        return new PodMetrics(requests - earlier.requests, errors - earlier.errors, delta, openBreakers);
    }
}
