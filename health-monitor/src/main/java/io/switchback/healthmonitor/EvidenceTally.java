package io.switchback.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The traffic of one release summed over an evidence interval, for the status page's chart: requests, 5xx and the
 * latency histogram of the evaluations since the last figures were taken, and the figures once the interval is
 * over. Pure, and a reading only: nothing is judged from it.
 */
final class EvidenceTally {

    /**
     * The figures of one interval.
     *
     * @param errorRate the 5xx share; null without requests
     * @param p95Ms     the p95 latency in ms from the summed histogram; null without requests or histogram
     */
    record Figures(Instant from, Instant to, long requests, Double errorRate, Double p95Ms) {
    }

    private final Duration interval;
    private Instant from;
    private long requests;
    private long errors;
    private final NavigableMap<Double, Double> buckets = new TreeMap<>();

    /** @param interval how long an interval lasts; zero: never any figures */
    EvidenceTally(Duration interval) {
        this.interval = interval;
    }

    /** Adds one evaluation's traffic; returns the interval's figures if it is over, and starts the next. */
    Optional<Figures> add(WindowStats stats) {
        return add(stats, false);
    }

    /**
     * @param cut end the interval at this evaluation, however short: a breach's figures are drawn beside it, not
     *            lost with a release rolled back before its interval ended
     */
    Optional<Figures> add(WindowStats stats, boolean cut) {
        if (interval.isZero()) {
            return Optional.empty();
        }
        if (from == null) {
            from = stats.at();
        }
        requests += stats.requests();
        errors += stats.errors();
        for (Map.Entry<Double, Double> bucket : stats.buckets().entrySet()) {
            buckets.merge(bucket.getKey(), bucket.getValue(), Double::sum);
        }
        if (!cut && Duration.between(from, stats.at()).compareTo(interval) < 0) {
            return Optional.empty();
        }
        double p95 = HistogramQuantile.of(1 - LatencyCheck.SLOW_SHARE, buckets) * 1000;
        Figures figures = new Figures(from, stats.at(), requests, requests == 0 ? null : (double) errors / requests,
                Double.isNaN(p95) ? null : p95);
        from = stats.at();
        requests = 0;
        errors = 0;
        buckets.clear();
        return Optional.of(figures);
    }
}
