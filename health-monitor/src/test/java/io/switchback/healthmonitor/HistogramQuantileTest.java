package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Expected values worked out as Prometheus' histogram_quantile computes them. */
class HistogramQuantileTest {

    static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void interpolatesLinearlyInsideTheBucketTheRankFallsIn() {
        // 100 requests: 50 up to 0.1 s, 40 in (0.1, 0.5], 10 in (0.5, 1]; rank 95 is half-way into (0.5, 1]
        assertThat(HistogramQuantile.of(0.95, buckets(0.1, 50, 0.5, 90, 1.0, 100, INF, 100))).isCloseTo(0.75, within(1e-9));
        // rank 50 is the top of the first bucket, whose lower bound is 0
        assertThat(HistogramQuantile.of(0.5, buckets(0.1, 50, 0.5, 90, 1.0, 100, INF, 100))).isCloseTo(0.1, within(1e-9));
        assertThat(HistogramQuantile.of(0.25, buckets(0.1, 50, 0.5, 90, 1.0, 100, INF, 100))).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void aRankInTheInfBucketIsTheHighestFiniteBound() {
        assertThat(HistogramQuantile.of(0.95, buckets(0.1, 10, 0.5, 20, INF, 100))).isEqualTo(0.5);
    }

    @Test
    void aFirstBucketAtOrBelowZeroIsItsOwnBound() {
        assertThat(HistogramQuantile.of(0.5, buckets(-1.0, 80, 1.0, 100, INF, 100))).isEqualTo(-1.0);
        assertThat(HistogramQuantile.of(0.9, buckets(0.0, 80, 1.0, 100, INF, 100))).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void noInfBucketOrNoObservationsIsNoAnswer() {
        assertThat(HistogramQuantile.of(0.95, new TreeMap<>())).isNaN();
        assertThat(HistogramQuantile.of(0.95, buckets(0.1, 10, 0.5, 20))).isNaN();
        assertThat(HistogramQuantile.of(0.95, buckets(0.1, 0, INF, 0))).isNaN();
    }

    @Test
    void aQuantileAboveOneIsInfinite() {
        assertThat(HistogramQuantile.of(1.5, buckets(0.1, 10, INF, 10))).isInfinite();
    }

    static TreeMap<Double, Double> buckets(double... boundAndCount) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (int i = 0; i < boundAndCount.length; i += 2) {
            buckets.put(boundAndCount[i], boundAndCount[i + 1]);
        }
        return buckets;
    }

    @Test
    void helperKeepsOrder() {
        assertThat(buckets(0.5, 2, 0.1, 1)).containsExactly(Map.entry(0.1, 1.0), Map.entry(0.5, 2.0));
    }
}
