package io.switchback.healthmonitor;

import io.switchback.events.HealthBreached;
import io.switchback.events.HealthEvidence;
import io.switchback.events.HealthInconclusive;
import io.switchback.events.HealthRecovered;
import io.switchback.events.HealthSoakHeld;
import io.switchback.events.HealthSoakPassed;
import io.switchback.events.JudgedPhase;
import io.switchback.events.MetricSource;
import io.switchback.events.ReleaseEvent;
import java.time.Duration;
import java.util.UUID;

/**
 * The event that reports a verdict, carrying its evidence. Metrics read through a Prometheus server are as old as
 * its latest scrape: a breach's or an inconclusive verdict's reason says by how much.
 */
final class VerdictEvents {

    private VerdictEvents() {
    }

    /**
     * @param window the span reported by a check without evidence of its own: the rules' window (a sequential
     *               check reports the span its evidence covers)
     */
    static ReleaseEvent of(Verdict verdict, WatchedRelease release, String environment, Duration window,
            MetricSource source) {
        return of(verdict, release, environment, window, source, null);
    }

    /** @param metricsAge how old the metrics behind the verdict were; null when read from the pods at once */
    static ReleaseEvent of(Verdict verdict, WatchedRelease release, String environment, Duration window,
            MetricSource source, Duration metricsAge) {
        CheckResult r = verdict.result();
        String reason = withAge(r.reason(), metricsAge);
        String id = UUID.randomUUID().toString();
        long windowMs = r.evidence() != null ? r.evidence().span().toMillis() : window.toMillis();
        return switch (verdict.kind()) {
            case BREACHED -> new HealthBreached(id, verdict.at(), environment, release.service(),
                    release.deploymentId(), release.color(), release.image(), r.check(), r.observed(), r.threshold(),
                    r.unit(), windowMs, r.sampleCount(), r.minimumSamples(), verdict.consecutiveFailures(),
                    verdict.firstBadAt(), source, reason);
            case RECOVERED -> new HealthRecovered(id, verdict.at(), environment, release.service(),
                    release.deploymentId(), release.color(), release.image(), r.check(), r.observed(), r.threshold(),
                    r.unit(), windowMs, r.sampleCount());
            case INCONCLUSIVE -> new HealthInconclusive(id, verdict.at(), environment, release.service(),
                    release.deploymentId(), release.color(), release.image(), r.check(), reason, windowMs,
                    r.sampleCount(), r.minimumSamples());
        };
    }

    /** The event that reports a soak's verdict: passed, or held. */
    static ReleaseEvent of(SoakTally.SoakVerdict soak, WatchedRelease release, String environment) {
        String id = UUID.randomUUID().toString();
        if (soak.passed()) {
            return new HealthSoakPassed(id, soak.at(), environment, release.service(), release.deploymentId(),
                    release.color(), release.image(), release.switchedAt(), release.rollbackWindowEndsAt(),
                    soak.healthy().toMillis(), soak.required().toMillis(), soak.unjudged().toMillis());
        }
        return new HealthSoakHeld(id, soak.at(), environment, release.service(), release.deploymentId(),
                release.color(), release.image(), release.switchedAt(), release.rollbackWindowEndsAt(),
                soak.healthy().toMillis(), soak.required().toMillis(), soak.unjudged().toMillis(), soak.reason());
    }

    /** A release's figures of one evidence interval, beside the thresholds it is judged against. */
    static HealthEvidence of(EvidenceTally.Figures figures, WatchedRelease release, String environment,
            HealthRules rules, MetricSource source) {
        return new HealthEvidence(UUID.randomUUID().toString(), figures.to(), environment, release.service(),
                release.deploymentId(), release.color(), release.image(),
                release.canary() ? JudgedPhase.CANARY : JudgedPhase.SOAK, figures.from(), figures.requests(),
                figures.errorRate(), rules.errorRateThreshold(), figures.p95Ms(),
                rules.p95Threshold().toNanos() / 1e6, source);
    }

    private static String withAge(String reason, Duration metricsAge) {
        if (metricsAge == null) {
            return reason;
        }
        String age = "metrics from Prometheus, " + PodEvidence.seconds(Duration.ofMillis(metricsAge.toMillis() / 100 * 100)) + " old";
        return reason == null || reason.isBlank() ? age : reason + "; " + age;
    }
}
