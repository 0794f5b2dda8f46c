package io.switchback.healthmonitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How one share is tested: errors among requests, or requests slower than the latency threshold.
 * The test weighs the evidence for each of a few fault shares (the alternatives) against the healthy
 * {@code baseline}, and mixes them (see {@link ShareTest}). The smallest alternative is the one whose evidence
 * drifts neither up nor down at exactly the {@code threshold}: below the threshold evidence for every alternative
 * tends to shrink, above it evidence for at least one grows. The others are log-spaced up to
 * {@value #LARGEST_ALTERNATIVE}, at most {@value #MAX_SPACING} times apart, so every fault is within reach of one
 * tuned close to it. docs/health-monitor.md argues the design and gives its measured delays.
 *
 * @param baseline              the healthy share the false-alarm rate is promised at (p0)
 * @param threshold             the share that must not be exceeded
 * @param alternatives          the fault shares the test is tuned to, smallest first, weighted equally
 * @param logThreshold          the log of the mixture's threshold: the expected evaluations between false alarms at
 *                              the baseline (its logarithm, for numbers that large)
 */
public record ShareTestDesign(double baseline, double threshold, List<Double> alternatives, double logThreshold) {

    static final double LARGEST_ALTERNATIVE = 0.9;
    static final double MAX_SPACING = 3;
    /** 30 days: the month of "false alarms per month". */
    static final Duration MONTH = Duration.ofDays(30);

    public ShareTestDesign {
        if (!(baseline > 0 && baseline < threshold && threshold < 1)) {
            throw new IllegalArgumentException("a share test needs 0 < baseline < threshold < 1, got baseline " + baseline
                    + " and threshold " + threshold);
        }
        alternatives = List.copyOf(alternatives);
    }

    /**
     * @param evaluationsPerFalseAlarm the expected evaluations between two false alarms at the baseline
     */
    public static ShareTestDesign of(double baseline, double threshold, double evaluationsPerFalseAlarm) {
        if (!(evaluationsPerFalseAlarm > 1)) {
            throw new IllegalArgumentException("a false alarm at most every " + evaluationsPerFalseAlarm
                    + " evaluations is no test");
        }
        double smallest = smallestAlternative(baseline, threshold);
        List<Double> alternatives = new ArrayList<>();
        if (smallest >= LARGEST_ALTERNATIVE) {
            alternatives.add(smallest);
        } else {
            int steps = (int) Math.ceil(Math.log(LARGEST_ALTERNATIVE / smallest) / Math.log(MAX_SPACING));
            for (int i = 0; i <= steps; i++) {
                alternatives.add(smallest * Math.pow(LARGEST_ALTERNATIVE / smallest, (double) i / steps));
            }
        }
        return new ShareTestDesign(baseline, threshold, alternatives, Math.log(evaluationsPerFalseAlarm));
    }

    /** The expected evaluations between false alarms when {@code perMonth} of them are allowed each month. */
    public static double evaluationsPerFalseAlarm(double perMonth, Duration evaluationInterval) {
        return MONTH.toNanos() / perMonth / evaluationInterval.toNanos();
    }

    /**
     * The share at which the evidence for {@code alternative} against {@code baseline} has no drift: the
     * log-likelihood ratio of one request, {@code x log(q/p0) + (1-x) log((1-q)/(1-p0))}, has mean zero there.
     */
    public static double crossover(double baseline, double alternative) {
        double perTrial = Math.log((1 - baseline) / (1 - alternative));
        return perTrial / (Math.log(alternative / baseline) + perTrial);
    }

    /** The alternative whose crossover is the threshold (the crossover grows with the alternative). */
    static double smallestAlternative(double baseline, double threshold) {
        double low = threshold;
        double high = 1 - 1e-12;
        for (int i = 0; i < 200 && high - low > 1e-15; i++) {
            double mid = (low + high) / 2;
            if (crossover(baseline, mid) < threshold) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    /** What one failure adds to the evidence for alternative {@code k}, on top of {@link #trialScore}. */
    double failureScore(int k) {
        double q = alternatives.get(k);
        return Math.log(q / baseline) + trialScore(k);
    }

    /** What each request judged takes from the evidence for alternative {@code k}. */
    double trialScore(int k) {
        return Math.log((1 - baseline) / (1 - alternatives.get(k)));
    }

    /** The expected evaluations between false alarms at the baseline: the threshold itself. */
    public double evaluationsPerFalseAlarm() {
        return Math.exp(logThreshold);
    }

    /**
     * The fewest requests that can breach at once, all of them bad, from no evidence: what a verdict needs at
     * least (the {@code minimumSamples} of a breach).
     */
    public long fewestRequestsToBreach() {
        double logWeight = -Math.log(alternatives.size());
        for (long m = 1; m < 1_000_000; m++) {
            double mixture = Double.NEGATIVE_INFINITY;
            for (double q : alternatives) {
                mixture = ShareTest.logSumExp(mixture, logWeight + m * Math.log(q / baseline));
            }
            if (mixture >= logThreshold) {
                return m;
            }
        }
        return 1_000_000;
    }
}
