package io.switchback.healthmonitor;

import java.util.Map;
import java.util.NavigableMap;

/** A quantile from classic histogram buckets, interpolated linearly as Prometheus' {@code histogram_quantile} does. */
public final class HistogramQuantile {

    private HistogramQuantile() {
    }

    /**
     * @param q       the quantile, 0..1
     * @param buckets cumulative counts by upper bound; the last bound must be +Inf
     * @return the estimate, in the buckets' unit; NaN without a +Inf bucket or without observations
     */
    public static double of(double q, NavigableMap<Double, Double> buckets) {
        if (buckets.isEmpty() || buckets.lastKey() != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        double total = buckets.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double countBelow = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            double upperBound = bucket.getKey();
            double cumulative = bucket.getValue();
            if (cumulative >= rank) {
                if (upperBound == Double.POSITIVE_INFINITY) {
                    // the highest finite bound is all one can say about the +Inf bucket
                    return lowerBound;
                }
                if (countBelow == 0 && upperBound <= 0) {
                    return upperBound;
                }
                return lowerBound + (upperBound - lowerBound) * (rank - countBelow) / (cumulative - countBelow);
            }
            lowerBound = upperBound;
            countBelow = cumulative;
        }
        return lowerBound;
    }
}
