package io.switchback.healthmonitor;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What one scrape of one pod says, summed over label sets: the request and 5xx counters and the
 * cumulative latency buckets of {@code http_server_requests_seconds}, and how many circuit breakers are open.
 * The pod's own actuator endpoints (our scrapes among them) are not its traffic and are left out.
 *
 * @param buckets cumulative request counts by upper bound in seconds ({@code le}), +Inf included
 */
public record PodMetrics(double requests, double errors, Map<Double, Double> buckets, int openBreakers) {

    static final String REQUESTS = "http_server_requests_seconds";
    static final String BREAKER_STATE = "resilience4j_circuitbreaker_state";

    public PodMetrics {
        buckets = Collections.unmodifiableNavigableMap(new TreeMap<>(buckets));
    }

    public static PodMetrics from(List<PrometheusText.Sample> samples) {
        double requests = 0;
        double errors = 0;
        int openBreakers = 0;
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        for (PrometheusText.Sample sample : samples) {
            if (sample.name().equals(BREAKER_STATE)) {
                openBreakers += "open".equals(sample.label("state")) && sample.value() > 0 ? 1 : 0;
            } else if (isTraffic(sample) && sample.name().equals(REQUESTS + "_count")) {
                requests += sample.value();
                errors += isServerError(sample) ? sample.value() : 0;
            } else if (isTraffic(sample) && sample.name().equals(REQUESTS + "_bucket") && sample.label("le") != null) {
                buckets.merge(PrometheusText.parseValue(sample.label("le")), sample.value(), Double::sum);
            }
        }
        return new PodMetrics(requests, errors, buckets, openBreakers);
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

    private static boolean isTraffic(PrometheusText.Sample sample) {
        String uri = sample.label("uri");
        return uri == null || !uri.startsWith("/actuator");
    }

    private static boolean isServerError(PrometheusText.Sample sample) {
        String status = sample.label("status");
        return status != null && status.length() == 3 && status.charAt(0) == '5';
    }
}
