package io.switchback.healthmonitor;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Requests counted for one share test: how many were judged ({@code trials}), how many of them were bad
 * ({@code failures}: 5xx responses, or requests slower than the latency threshold), and their latency buckets
 * when the test needs them for its report. Counts are doubles: a slow count interpolated between bucket bounds
 * need not be whole.
 *
 * @param buckets cumulative request counts by upper bound in seconds; empty when the test does not report latency
 */
public record Tally(double trials, double failures, NavigableMap<Double, Double> buckets) {

    public static final Tally NONE = new Tally(0, 0, new TreeMap<>());

    public Tally {
        buckets = Collections.unmodifiableNavigableMap(new TreeMap<>(buckets));
    }

    public Tally plus(Tally other) {
        return combine(other, 1);
    }

    public Tally minus(Tally other) {
        return combine(other, -1);
    }

    /** The bad share, NaN without trials. */
    public double share() {
        return trials > 0 ? failures / trials : Double.NaN;
    }

    private Tally combine(Tally other, int sign) {
        NavigableMap<Double, Double> sum = new TreeMap<>(buckets);
        other.buckets.forEach((le, count) -> sum.merge(le, sign * count, Double::sum));
        return new Tally(trials + sign * other.trials, failures + sign * other.failures, sum);
    }
}
