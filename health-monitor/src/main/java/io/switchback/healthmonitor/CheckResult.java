package io.switchback.healthmonitor;

import io.switchback.events.HealthCheck;
import java.time.Duration;
import java.time.Instant;

/**
 * One check's answer at one evaluation, with the evidence behind it.
 *
 * @param observed      the value in {@code unit} (NaN when inconclusive for want of data)
 * @param sampleCount   requests (error rate, latency) or pods (circuit breaker, health endpoint) judged
 * @param reason        why it failed or could not be judged, for a person
 * @param evidence      when and over what span the evidence was gathered, for a check that accumulates it
 *                      (error rate, latency); null for the checks of one snapshot
 */
public record CheckResult(HealthCheck check, Outcome outcome, double observed, double threshold, String unit,
        long sampleCount, long minimumSamples, String reason, Evidence evidence) {

    /** {@code PENDING}: evidence on its way (pods not ready inside the grace); neither a verdict nor missing data. */
    public enum Outcome { PASS, FAIL, INCONCLUSIVE, PENDING }

    /**
     * @param firstBadAt the change-point estimate: the first evaluation whose traffic is part of the evidence
     * @param span       from the evaluation before it to this one: the time the evidence covers
     */
    public record Evidence(Instant firstBadAt, Duration span) {
    }

    public CheckResult(HealthCheck check, Outcome outcome, double observed, double threshold, String unit,
            long sampleCount, long minimumSamples, String reason) {
        this(check, outcome, observed, threshold, unit, sampleCount, minimumSamples, reason, null);
    }

    static CheckResult inconclusive(HealthCheck check, double threshold, String unit, long samples, long minimum,
            String reason) {
        return new CheckResult(check, Outcome.INCONCLUSIVE, Double.NaN, threshold, unit, samples, minimum, reason);
    }

    static CheckResult pending(HealthCheck check, double threshold, String unit, long minimum, String reason) {
        return new CheckResult(check, Outcome.PENDING, Double.NaN, threshold, unit, 0, minimum, reason);
    }

    static CheckResult judged(HealthCheck check, boolean failing, double observed, double threshold, String unit,
            long samples, long minimum, String reason) {
        return new CheckResult(check, failing ? Outcome.FAIL : Outcome.PASS, observed, threshold, unit, samples,
                minimum, failing ? reason : "within the threshold");
    }
}
