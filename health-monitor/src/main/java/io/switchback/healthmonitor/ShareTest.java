package io.switchback.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A sequential test of one share (errors among requests, or slow requests), fed the requests of each evaluation.
 * <ul>
 *   <li><b>Decision:</b> a Shiryaev-Roberts statistic per alternative of the {@link ShareTestDesign},
 *       {@code R = (1 + R) * LR(evaluation)}, mixed with equal weights; the test breaches when the mixture reaches
 *       the design's threshold A. At the baseline {@code mixture - evaluations} is a martingale, so false alarms
 *       come at most once per A evaluations on average whatever the traffic.</li>
 *   <li><b>Explanation:</b> beside each statistic runs Page's CUSUM of the same alternative,
 *       {@code W = max(0, W + log LR)}; where the dominant alternative's CUSUM last left zero is the change-point
 *       estimate, and the requests since then are the evidence a verdict reports.</li>
 *   <li><b>Recovery:</b> once breached, a reversed CUSUM weighs the baseline against the smallest alternative;
 *       when it reaches the same threshold the share is back below the threshold, the test says so and starts
 *       afresh.</li>
 * </ul>
 * Evaluations without requests change no statistic (so the budget counts evaluations with requests); the caller does
 * not feed evaluations without data at all.
 */
final class ShareTest {

    enum State { HEALTHY, BREACHED, RECOVERED }

    /**
     * What the test says after an evaluation.
     *
     * @param logStatistic the log of the mixture statistic (compare with {@link ShareTestDesign#logThreshold})
     * @param alternative  the fault share the evidence favours most
     * @param evidence     the requests since the change-point estimate (since the recovery's, when recovered)
     * @param from         when the evidence starts: the evaluation before {@code firstBadAt}
     * @param firstBadAt   the first evaluation whose requests are in the evidence
     */
    record Reading(State state, double logStatistic, double alternative, Tally evidence, Instant from,
            Instant firstBadAt) {
    }

    /** Where one CUSUM last left zero: the totals before, and the evaluations around it. */
    private record Start(Tally before, Instant from, Instant firstBadAt) {
    }

    private final ShareTestDesign design;
    private final Duration interval;
    private final double[] failureScore;
    private final double[] trialScore;
    private final double logWeight;
    private final double[] logRoberts;
    private final double[] page;
    private final Start[] starts;
    private double recovery;
    private Start recoveryStart;
    private boolean breached;
    private Tally total = Tally.NONE;
    private Instant previousAt;

    /** @param interval the evaluation interval: the span taken for the first evaluation's requests */
    ShareTest(ShareTestDesign design, Duration interval) {
        this.design = design;
        this.interval = interval;
        int k = design.alternatives().size();
        failureScore = new double[k];
        trialScore = new double[k];
        for (int i = 0; i < k; i++) {
            failureScore[i] = design.failureScore(i);
            trialScore[i] = design.trialScore(i);
        }
        logWeight = -Math.log(k);
        logRoberts = new double[k];
        page = new double[k];
        starts = new Start[k];
        restart();
    }

    ShareTestDesign design() {
        return design;
    }

    /** Takes the requests counted since the previous evaluation that had data. */
    Reading observe(Tally increment, Instant at) {
        Instant from = previousAt != null ? previousAt : at.minus(interval);
        previousAt = at;
        Tally before = total;
        if (increment.trials() <= 0) {
            return reading(before, from, at);
        }
        total = total.plus(increment);
        for (int k = 0; k < page.length; k++) {
            double llr = increment.failures() * failureScore[k] - increment.trials() * trialScore[k];
            logRoberts[k] = softplus(logRoberts[k]) + llr;
            starts[k] = page[k] == 0 && llr > 0 ? new Start(before, from, at) : starts[k];
            page[k] = Math.max(0, page[k] + llr);
            starts[k] = page[k] == 0 ? null : starts[k];
        }
        if (!breached) {
            breached = mixture() >= design.logThreshold();
            recovery = 0;
            recoveryStart = null;
        } else if (recovered(increment, before, from, at)) {
            Reading reading = new Reading(State.RECOVERED, mixture(), design.baseline(),
                    total.minus(recoveryStart.before()), recoveryStart.from(), recoveryStart.firstBadAt());
            restart();
            return reading;
        }
        return reading(before, from, at);
    }

    /** The state after this evaluation; the evidence of the dominant alternative, or this evaluation's requests. */
    private Reading reading(Tally before, Instant from, Instant at) {
        int dominant = 0;
        for (int k = 1; k < logRoberts.length; k++) {
            dominant = logRoberts[k] > logRoberts[dominant] ? k : dominant;
        }
        Start start = starts[dominant] != null ? starts[dominant] : new Start(before, from, at);
        return new Reading(breached ? State.BREACHED : State.HEALTHY, mixture(), design.alternatives().get(dominant),
                total.minus(start.before()), start.from(), start.firstBadAt());
    }

    /** The log of the equally weighted mixture of the alternatives' statistics. */
    private double mixture() {
        double mixture = Double.NEGATIVE_INFINITY;
        for (double logR : logRoberts) {
            mixture = logSumExp(mixture, logWeight + logR);
        }
        return mixture;
    }

    /** The reversed CUSUM: the baseline against the smallest alternative, whose log-likelihood ratio is reversed. */
    private boolean recovered(Tally increment, Tally before, Instant from, Instant at) {
        double llr = increment.trials() * trialScore[0] - increment.failures() * failureScore[0];
        recoveryStart = recovery == 0 && llr > 0 ? new Start(before, from, at) : recoveryStart;
        recovery = Math.max(0, recovery + llr);
        recoveryStart = recovery == 0 ? null : recoveryStart;
        return recovery >= design.logThreshold();
    }

    private void restart() {
        Arrays.fill(logRoberts, Double.NEGATIVE_INFINITY);
        Arrays.fill(page, 0);
        Arrays.fill(starts, null);
        breached = false;
        recovery = 0;
        recoveryStart = null;
    }

    /** log(1 + e^x), without overflow. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** log(e^a + e^b), without overflow. */
    static double logSumExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double max = Math.max(a, b);
        return max + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
