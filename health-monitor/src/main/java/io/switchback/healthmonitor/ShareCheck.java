package io.switchback.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A trigger judged by a sequential test of a share of the requests ({@link ShareTest}): the error rate, and the
 * latency as the share of requests slower than its threshold. Stateful: one instance judges one release.
 * <ul>
 *   <li>No pod scraped, or the requests cannot be counted (no histogram): inconclusive; the test does not move.</li>
 *   <li>No request for the whole quiet span ({@code switchback.health.window}): inconclusive.</li>
 *   <li>Otherwise the test takes the evaluation's requests: it fails from the evaluation its statistic reaches
 *       the threshold until it has recovered, and passes otherwise. An evaluation without requests repeats the
 *       last evaluation's answer.</li>
 * </ul>
 */
abstract sealed class ShareCheck implements TriggerCheck permits ErrorRateCheck, LatencyCheck {

    /** The requests of one evaluation as the test counts them, or why they cannot be counted. */
    record Count(Tally tally, String missing) {

        static Count of(Tally tally) {
            return new Count(tally, null);
        }

        static Count missing(String why) {
            return new Count(null, why);
        }
    }

    private final ShareTest test;
    private final Duration quiet;
    private final Duration interval;
    private final long minimumSamples;
    private Instant lastRequestAt;
    private CheckResult lastJudged;

    ShareCheck(ShareTestDesign design, Duration evaluationInterval, Duration quiet) {
        this.test = new ShareTest(design, evaluationInterval);
        this.quiet = quiet;
        this.interval = evaluationInterval;
        this.minimumSamples = design.fewestRequestsToBreach();
    }

    /** The evaluation's requests as this check counts them. */
    abstract Count count(WindowStats window);

    /** The observed value of a verdict, in {@link #unit()}, over the evidence. */
    abstract double observed(Tally evidence);

    /** The threshold a verdict names, in {@link #unit()}. */
    abstract double threshold();

    abstract String unit();

    /** The evidence for a person, e.g. "52 of 1040 requests failed (5.00%)". */
    abstract String describe(Tally evidence);

    public ShareTestDesign design() {
        return test.design();
    }

    @Override
    public CheckResult evaluate(WindowStats window) {
        if (window.podsScraped() == 0) {
            return inconclusive(0, "no ready pod of the live colour could be scraped");
        }
        Count count = count(window);
        if (count.missing() != null) {
            // the pods were read: the next evaluation's requests are counted from here
            test.observe(Tally.NONE, window.at());
            return inconclusive(window.requests(), count.missing());
        }
        ShareTest.Reading reading = test.observe(count.tally(), window.at());
        if (count.tally().trials() > 0) {
            lastRequestAt = window.at();
            lastJudged = judged(reading, window.at());
            return lastJudged;
        }
        if (lastRequestAt == null || !window.at().isBefore(lastRequestAt.plus(quiet))) {
            return inconclusive(0, "no requests in the last " + seconds(quiet));
        }
        // no request, no news: the verdict of the last evaluation with requests stands
        return lastJudged;
    }

    private CheckResult judged(ShareTest.Reading reading, Instant at) {
        Tally evidence = reading.evidence();
        Duration span = Duration.between(reading.from(), at);
        String reason = switch (reading.state()) {
            case BREACHED -> describe(evidence) + " in " + seconds(span) + "; " + statistic(reading);
            case RECOVERED -> describe(evidence) + " in " + seconds(span) + String.format(Locale.ROOT,
                    "; the evidence for the %s baseline against %s reached its threshold: recovered",
                    share(design().baseline()), share(design().alternatives().get(0)));
            case HEALTHY -> "within the threshold";
        };
        return new CheckResult(check(), reading.state() == ShareTest.State.BREACHED ? CheckResult.Outcome.FAIL
                : CheckResult.Outcome.PASS, observed(evidence), threshold(), unit(), Math.round(evidence.trials()),
                minimumSamples, reason, new CheckResult.Evidence(reading.firstBadAt(), span));
    }

    private String statistic(ShareTest.Reading reading) {
        double months = design().evaluationsPerFalseAlarm() * interval.toNanos() / ShareTestDesign.MONTH.toNanos();
        return String.format(Locale.ROOT, "the Shiryaev-Roberts statistic for %s against the %s baseline is %.3g,"
                + " above its threshold %.3g (one false alarm in %.3g months at the baseline)",
                share(reading.alternative()), share(design().baseline()), Math.exp(reading.logStatistic()),
                design().evaluationsPerFalseAlarm(), months);
    }

    private CheckResult inconclusive(long samples, String reason) {
        return CheckResult.inconclusive(check(), threshold(), unit(), samples, minimumSamples, reason);
    }

    static String share(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }

    static String seconds(Duration span) {
        return String.format(Locale.ROOT, "%.3g s", span.toMillis() / 1000.0);
    }
}
