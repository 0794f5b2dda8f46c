package io.switchback.healthmonitor;

import io.switchback.events.HealthCheck;
import java.util.Locale;

/**
 * Fails when the error rate is above the threshold with the configured confidence: the lower bound of
 * the one-sided Wilson interval, not the point estimate, must exceed it. The point estimate is reported.
 */
public record ErrorRateCheck(double threshold, double z, long minimumRequests) implements TriggerCheck {

    static final String UNIT = "ratio";

    public ErrorRateCheck {
        if (minimumRequests < 1) {
            throw new IllegalArgumentException("an error rate needs at least one request, not " + minimumRequests);
        }
    }

    @Override
    public HealthCheck check() {
        return HealthCheck.ERROR_RATE;
    }

    @Override
    public CheckResult evaluate(WindowStats window) {
        long requests = window.requests();
        if (requests < minimumRequests) {
            return CheckResult.inconclusive(check(), threshold, UNIT, requests, minimumRequests,
                    requests + " requests in the window, " + minimumRequests + " needed");
        }
        double observed = (double) window.errors() / requests;
        double lowerBound = WilsonScore.lowerBound(window.errors(), requests, z);
        return CheckResult.judged(check(), lowerBound > threshold, observed, threshold, UNIT, requests,
                minimumRequests, String.format(Locale.ROOT,
                        "%d of %d requests failed; the error rate is at least %.4f (z=%.3f), above %.4f",
                        window.errors(), requests, lowerBound, z, threshold));
    }
}
