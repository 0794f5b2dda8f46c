package io.switchback.healthmonitor;

import io.switchback.events.HealthCheck;
import java.time.Duration;
import java.util.Locale;

/**
 * The error rate: the share of 5xx responses, tested sequentially against its threshold (see {@link ShareCheck}).
 * Observed is the error share over the evidence, as a ratio.
 */
public final class ErrorRateCheck extends ShareCheck {

    static final String UNIT = "ratio";

    private final double threshold;

    /**
     * @param baseline  the healthy error rate the false-alarm rate is promised at
     * @param threshold the highest acceptable error rate
     */
    public ErrorRateCheck(double baseline, double threshold, double evaluationsPerFalseAlarm,
            Duration evaluationInterval, Duration quiet) {
        super(ShareTestDesign.of(baseline, threshold, evaluationsPerFalseAlarm), evaluationInterval, quiet);
        this.threshold = threshold;
    }

    @Override
    public HealthCheck check() {
        return HealthCheck.ERROR_RATE;
    }

    @Override
    Count count(WindowStats window) {
        return Count.of(new Tally(window.requests(), window.errors(), Tally.NONE.buckets()));
    }

    @Override
    double observed(Tally evidence) {
        return evidence.share();
    }

    @Override
    double threshold() {
        return threshold;
    }

    @Override
    String unit() {
        return UNIT;
    }

    @Override
    String describe(Tally evidence) {
        return String.format(Locale.ROOT, "%.0f of %.0f requests failed (%s, threshold %s)", evidence.failures(),
                evidence.trials(), share(evidence.share()), share(threshold));
    }
}
