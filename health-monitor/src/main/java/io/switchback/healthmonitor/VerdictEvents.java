package io.switchback.healthmonitor;

import io.switchback.events.HealthBreached;
import io.switchback.events.HealthInconclusive;
import io.switchback.events.HealthRecovered;
import io.switchback.events.MetricSource;
import io.switchback.events.ReleaseEvent;
import java.time.Duration;
import java.util.UUID;

/** The event that reports a verdict, carrying its evidence. */
final class VerdictEvents {

    private VerdictEvents() {
    }

    /**
     * @param window the span reported by a check without evidence of its own: the rules' window (a sequential
     *               check reports the span its evidence covers)
     */
    static ReleaseEvent of(Verdict verdict, WatchedRelease release, String environment, Duration window,
            MetricSource source) {
        CheckResult r = verdict.result();
        String id = UUID.randomUUID().toString();
        long windowMs = r.evidence() != null ? r.evidence().span().toMillis() : window.toMillis();
        return switch (verdict.kind()) {
            case BREACHED -> new HealthBreached(id, verdict.at(), environment, release.service(),
                    release.deploymentId(), release.color(), release.image(), r.check(), r.observed(), r.threshold(),
                    r.unit(), windowMs, r.sampleCount(), r.minimumSamples(), verdict.consecutiveFailures(),
                    verdict.firstBadAt(), source, r.reason());
            case RECOVERED -> new HealthRecovered(id, verdict.at(), environment, release.service(),
                    release.deploymentId(), release.color(), release.image(), r.check(), r.observed(), r.threshold(),
                    r.unit(), windowMs, r.sampleCount());
            case INCONCLUSIVE -> new HealthInconclusive(id, verdict.at(), environment, release.service(),
                    release.deploymentId(), release.color(), release.image(), r.check(), r.reason(), windowMs,
                    r.sampleCount(), r.minimumSamples());
        };
    }
}
