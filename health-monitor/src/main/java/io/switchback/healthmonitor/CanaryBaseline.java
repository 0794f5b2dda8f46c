package io.switchback.healthmonitor;

import io.switchback.events.HealthCheck;
import java.util.Locale;

/**
 * A canary judged against the live colour it serves beside, as canary analysis does: their shares of 5xx responses
 * since the canary began, from their own pods' counters. The canary breaches when its share exceeds the live
 * colour's by more than the margin, with a one-sided two-proportion z statistic at or above {@code z} (so a few
 * unlucky requests are not a difference), once each colour answered at least {@code minimumRequests}; before that,
 * inconclusive. Pure: it scrapes and publishes nothing.
 */
final class CanaryBaseline {

    private final HealthProperties.CanaryBaseline settings;
    private final TrafficIncrements canaryTraffic = new TrafficIncrements();
    private final TrafficIncrements liveTraffic = new TrafficIncrements();
    private long canaryRequests;
    private long canaryErrors;
    private long liveRequests;
    private long liveErrors;

    CanaryBaseline(HealthProperties.CanaryBaseline settings) {
        this.settings = settings;
    }

    /** Takes one evaluation of both colours. */
    CheckResult evaluate(ReleaseSnapshot canary, ReleaseSnapshot live) {
        WindowStats c = canaryTraffic.add(canary);
        WindowStats l = liveTraffic.add(live);
        canaryRequests += c.requests();
        canaryErrors += c.errors();
        liveRequests += l.requests();
        liveErrors += l.errors();
        double threshold = liveShare() + settings.margin();
        if (canaryRequests < settings.minimumRequests() || liveRequests < settings.minimumRequests()) {
            return CheckResult.inconclusive(HealthCheck.CANARY_BASELINE, threshold, "ratio", canaryRequests,
                    settings.minimumRequests(), String.format(Locale.ROOT, "%d canary and %d live requests so far,"
                            + " %d of each needed", canaryRequests, liveRequests, settings.minimumRequests()));
        }
        double canaryShare = (double) canaryErrors / canaryRequests;
        double z = z(canaryShare);
        boolean failing = canaryShare > threshold && z >= settings.z();
        return CheckResult.judged(HealthCheck.CANARY_BASELINE, failing, canaryShare, threshold, "ratio", canaryRequests,
                settings.minimumRequests(), String.format(Locale.ROOT, "canary %.2f%% of %d requests failed, live"
                        + " %.2f%% of %d: more than the %.2f-point margin above it (z %.2f, at least %.2f)",
                        canaryShare * 100, canaryRequests, liveShare() * 100, liveRequests, settings.margin() * 100, z,
                        settings.z()));
    }

    private double liveShare() {
        return liveRequests == 0 ? 0 : (double) liveErrors / liveRequests;
    }

    /** How many standard errors the canary's share stands above the live share plus the margin. */
    private double z(double canaryShare) {
        double live = liveShare();
        double variance = canaryShare * (1 - canaryShare) / canaryRequests + live * (1 - live) / liveRequests;
        double excess = canaryShare - live - settings.margin();
        // no variance: both shares are 0 or 1, and a difference beyond the margin is then certain
        return variance == 0 ? (excess > 0 ? Double.POSITIVE_INFINITY : 0) : excess / Math.sqrt(variance);
    }
}
