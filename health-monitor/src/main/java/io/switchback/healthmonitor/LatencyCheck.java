package io.switchback.healthmonitor;

import io.switchback.events.HealthCheck;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The p95 latency, judged as what it is: p95 above the threshold means more than 5% of the requests are slower
 * than the threshold. The slow requests come from the cumulative histogram buckets, requests minus the bucket at
 * the threshold, and their share is tested sequentially (see {@link ShareCheck}). A threshold that is not a bucket
 * bound is interpolated linearly between the bounds around it, as Prometheus' {@code histogram_quantile} places a
 * quantile inside a bucket, so that the test and a dashboard's p95 agree on which side of the threshold a release
 * is; one above the highest finite bound cannot be judged (inconclusive). Observed is the p95 over the evidence, in ms.
 */
public final class LatencyCheck extends ShareCheck {

    static final String UNIT = "ms";
    /** p95: the share of requests that may be slower than the threshold. */
    static final double SLOW_SHARE = 0.05;
    private static final double QUANTILE = 1 - SLOW_SHARE;
    private static final Logger LOG = LoggerFactory.getLogger(LatencyCheck.class);

    private final double thresholdMs;
    private boolean warnedInterpolation;

    /** @param baseline the healthy share of requests slower than the threshold */
    public LatencyCheck(Duration threshold, double baseline, double evaluationsPerFalseAlarm,
            Duration evaluationInterval, Duration quiet) {
        super(ShareTestDesign.of(baseline, SLOW_SHARE, evaluationsPerFalseAlarm), evaluationInterval, quiet);
        this.thresholdMs = threshold.toNanos() / 1e6;
    }

    @Override
    public HealthCheck check() {
        return HealthCheck.P95_LATENCY;
    }

    @Override
    Count count(WindowStats window) {
        NavigableMap<Double, Double> buckets = new TreeMap<>(window.buckets());
        if (buckets.isEmpty() || buckets.lastKey() != Double.POSITIVE_INFINITY) {
            return window.requests() == 0 ? Count.of(Tally.NONE)
                    : Count.missing("no latency histogram (http_server_requests_seconds_bucket) in the scrapes");
        }
        double bound = thresholdMs / 1000;
        Map.Entry<Double, Double> atOrAbove = buckets.ceilingEntry(bound * (1 - 1e-9));
        if (atOrAbove.getKey() == Double.POSITIVE_INFINITY) {
            Double highest = buckets.lowerKey(Double.POSITIVE_INFINITY);
            return Count.missing(String.format(Locale.ROOT, "the latency threshold %.0f ms is above the highest finite"
                    + " bucket bound (%s): slower requests cannot be counted", thresholdMs,
                    highest == null ? "there is none" : highest + " s"));
        }
        double trials = buckets.lastEntry().getValue();
        return Count.of(new Tally(trials, Math.max(0, trials - countAtOrBelow(bound, atOrAbove, buckets)), buckets));
    }

    /** The cumulative count at {@code bound}: the bucket's own, or interpolated from the bounds around it. */
    private double countAtOrBelow(double bound, Map.Entry<Double, Double> atOrAbove, NavigableMap<Double, Double> buckets) {
        if (Math.abs(atOrAbove.getKey() - bound) <= bound * 1e-9) {
            return atOrAbove.getValue();
        }
        Map.Entry<Double, Double> below = buckets.lowerEntry(bound);
        double lowBound = below == null ? 0 : below.getKey();
        double lowCount = below == null ? 0 : below.getValue();
        if (!warnedInterpolation) {
            warnedInterpolation = true;
            LOG.warn("the latency threshold {} ms is not a histogram bucket bound: slow requests are interpolated between"
                    + " {} s and {} s", thresholdMs, lowBound, atOrAbove.getKey());
        }
        return lowCount + (atOrAbove.getValue() - lowCount) * (bound - lowBound) / (atOrAbove.getKey() - lowBound);
    }

    @Override
    double observed(Tally evidence) {
        return HistogramQuantile.of(QUANTILE, evidence.buckets()) * 1000;
    }

    @Override
    double threshold() {
        return thresholdMs;
    }

    @Override
    String unit() {
        return UNIT;
    }

    @Override
    String describe(Tally evidence) {
        return String.format(Locale.ROOT, "%.0f of %.0f requests slower than %.0f ms (%s, threshold %s; p95 %.0f ms)",
                evidence.failures(), evidence.trials(), thresholdMs, share(evidence.share()), share(SLOW_SHARE),
                observed(evidence));
    }
}
