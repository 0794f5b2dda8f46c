package io.switchback.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How much of a live release's soak its checks were all judged passing, and whether the soak passed. The deployer
 * ends a soak as stable only on the pass this reports ({@code health.soak-passed}): silence (no metrics, no
 * monitor) never promotes. Each evaluation accounts for the time since the one before it (at most two intervals,
 * so a gap in the watch — a restart, a partition moving — counts for nothing): to the healthy time when every
 * enabled check passed, else to the unjudged time. The soak passes once its window has ended, the healthy time
 * reaches {@code coverage} of the soak, and the latest evaluation passed; a window that ends short of that is
 * reported held once, and the soak goes on being judged. Pure: it publishes nothing.
 */
final class SoakTally {

    /** The share of the soak the checks must all have passed over, unless configured. */
    static final double DEFAULT_COVERAGE = 0.8;

    private enum Reported { NOTHING, HELD, PASSED }

    private final double coverage;
    private final Duration longestStep;
    private Instant last;
    private Duration healthy = Duration.ZERO;
    private Duration unjudged = Duration.ZERO;
    private boolean lastPassed;
    private String lastReason = "not evaluated yet";
    private Reported reported = Reported.NOTHING;

    /**
     * @param coverage           the share of the soak, 0..1, every check must have passed over
     * @param evaluationInterval how often the release is evaluated
     */
    SoakTally(double coverage, Duration evaluationInterval) {
        if (!(coverage >= 0 && coverage <= 1)) {
            throw new IllegalArgumentException("the soak coverage is a share, 0..1: " + coverage);
        }
        this.coverage = coverage;
        this.longestStep = evaluationInterval.multipliedBy(2);
    }

    /** The soak's verdict once it is due: passed, or held (once) while the window ended short of it. */
    record SoakVerdict(boolean passed, Duration healthy, Duration required, Duration unjudged, String reason,
            Instant at) {
    }

    /** Takes one evaluation's results, each enabled check's. */
    void observe(Instant at, List<CheckResult> results) {
        Optional<CheckResult> notPassing = results.stream()
                .filter(r -> r.outcome() != CheckResult.Outcome.PASS).findFirst();
        boolean passed = notPassing.isEmpty() && !results.isEmpty();
        if (last != null && at.isAfter(last)) {
            Duration step = Duration.between(last, at);
            step = step.compareTo(longestStep) > 0 ? longestStep : step;
            if (passed) {
                healthy = healthy.plus(step);
            } else {
                unjudged = unjudged.plus(step);
            }
        }
        last = at;
        lastPassed = passed;
        lastReason = notPassing.map(r -> r.check().wire() + " " + r.outcome().name().toLowerCase(Locale.ROOT)
                + ": " + r.reason()).orElse(results.isEmpty() ? "no check is enabled" : "every check passed");
    }

    /**
     * @param switchedAt the soak's start; null when the record does not say, and then the soak cannot be judged
     * @param windowEnds the soak's end, likewise
     */
    Optional<SoakVerdict> due(Instant switchedAt, Instant windowEnds, Instant now) {
        if (switchedAt == null || windowEnds == null || now.isBefore(windowEnds) || reported == Reported.PASSED) {
            return Optional.empty();
        }
        Duration required = Duration.ofMillis(Math.round(Duration.between(switchedAt, windowEnds).toMillis() * coverage));
        if (lastPassed && healthy.compareTo(required) >= 0) {
            return Optional.of(new SoakVerdict(true, healthy, required, unjudged, lastReason, now));
        }
        if (reported == Reported.NOTHING) {
            String why = lastPassed ? "every check passed for " + seconds(healthy) + " of the " + seconds(required)
                    + " needed" : lastReason;
            return Optional.of(new SoakVerdict(false, healthy, required, unjudged, why, now));
        }
        return Optional.empty();
    }

    /** The verdict reached Kafka: a held soak is not reported held again, a passed one not at all. */
    void reported(SoakVerdict verdict) {
        reported = verdict.passed() ? Reported.PASSED : Reported.HELD;
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }
}
