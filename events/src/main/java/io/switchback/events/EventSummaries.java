package io.switchback.events;

import java.time.Duration;

/**
 * A readable line per event, as the sandbox's timeline, the CLI's {@code watch} and the status page show it: what the
 * event says, with the evidence of every verdict and rollback.
 */
public final class EventSummaries {

    private EventSummaries() {
    }

    /** The event's type without the common prefix and version: {@code deployment.traffic-switched}. */
    public static String shortType(SwitchbackEvent event) {
        return event.type().ceType().replace("io.switchback.", "").replace(".v1", "");
    }

    /** One line a person reads: what the event says, with its evidence for a verdict or a rollback. */
    public static String describe(SwitchbackEvent event) {
        if (event instanceof BuildCompleted b) {
            return b.image() + " (" + b.conclusion().wire() + ")";
        } else if (event instanceof VerificationRecorded v) {
            return v.check() + " " + v.outcome().wire() + " for build " + v.buildEventId()
                    + (v.summary() == null ? "" : ": " + v.summary());
        } else if (event instanceof DeploymentStarted s) {
            return s.deploymentId() + ": " + s.image() + " to " + s.targetColor().wire();
        } else if (event instanceof DeploymentReady r) {
            return r.readyReplicas() + " pods ready on " + r.color().wire() + " after " + r.readyAfterMs() + " ms";
        } else if (event instanceof DeploymentTrafficSwitched t) {
            return "traffic " + (t.previousColor() == null ? "" : t.previousColor().wire()) + " -> "
                    + t.liveColor().wire() + " (" + t.liveImage() + ")";
        } else if (event instanceof DeploymentStable s) {
            return s.deploymentId() + " stable after " + s.soakMs() + " ms";
        } else if (event instanceof DeploymentFailed f) {
            return f.deploymentId() + " failed at " + f.stage().wire() + ": " + f.reason();
        } else if (event instanceof DeploymentSuperseded s) {
            return s.deploymentId() + " superseded by " + s.supersededBy();
        } else if (event instanceof DeploymentPromotionPending p) {
            return p.deploymentId() + " (stable in " + p.upstreamEnvironment() + " as " + p.upstreamDeploymentId()
                    + ") waits for: " + p.waitingFor();
        } else if (event instanceof PromotionApproved a) {
            return a.deploymentId() + " approved by " + a.approvedBy();
        } else if (event instanceof DeploymentCanaryStarted c) {
            return c.deploymentId() + ": " + c.canaryReplicas() + " pods on " + c.color().wire() + " beside "
                    + c.liveReplicas() + " on " + c.liveColor().wire() + " until " + c.endsAt();
        } else if (event instanceof DeploymentHeld h) {
            return h.deploymentId() + " held until " + h.deadline() + ", waiting for " + h.waitingFor() + ": "
                    + h.reason();
        } else if (event instanceof DeploymentRetryRequested r) {
            return r.deploymentId() + " retry requested by " + r.requestedBy()
                    + (r.reason() == null ? "" : ": " + r.reason());
        } else if (event instanceof RollbackRequested r) {
            return "rollback requested by " + r.requestedBy() + ": " + r.reason();
        } else if (event instanceof DeploymentSkipped s) {
            return "not acted on: " + s.reason();
        } else if (event instanceof HealthBreached b) {
            return "%s %s: %.4g %s > %.4g over %d ms (%d samples, %d consecutive)".formatted(b.deploymentId(),
                    b.check().wire(), b.observed(), b.unit(), b.threshold(), b.windowMs(), b.sampleCount(),
                    b.consecutiveFailures());
        } else if (event instanceof HealthRecovered r) {
            return r.deploymentId() + " " + r.check().wire() + " recovered";
        } else if (event instanceof HealthInconclusive i) {
            return i.deploymentId() + " " + i.check().wire() + " inconclusive: " + i.reason();
        } else if (event instanceof HealthSoakPassed p) {
            return "%s soak passed: every check passed for %d ms of the %d ms needed".formatted(p.deploymentId(),
                    p.judgedHealthyMs(), p.requiredMs());
        } else if (event instanceof HealthSoakHeld h) {
            return "%s soak held: every check passed for %d ms of the %d ms needed; %s".formatted(h.deploymentId(),
                    h.judgedHealthyMs(), h.requiredMs(), h.reason());
        } else if (event instanceof HealthEvidence e) {
            return "%s %s: %d requests, error rate %s (threshold %s), p95 %s (threshold %.0f ms)".formatted(
                    e.deploymentId(), e.phase().wire(), e.requests(),
                    e.errorRate() == null ? "-" : "%.2f%%".formatted(e.errorRate() * 100),
                    "%.2f%%".formatted(e.errorRateThreshold() * 100),
                    e.p95Ms() == null ? "-" : "%.0f ms".formatted(e.p95Ms()), e.p95ThresholdMs());
        } else if (event instanceof RollbackStarted s) {
            return s.fromColor().wire() + " -> " + s.toColor().wire() + ": " + s.cause().summary();
        } else if (event instanceof RollbackCompleted c) {
            return "traffic back on " + c.toColor().wire() + " (" + c.restoredImage() + ")";
        } else if (event instanceof RollbackFailed f) {
            return "FAILED: " + f.reason();
        } else if (event instanceof RollbackSkipped s) {
            return "skipped: " + s.reason();
        } else if (event instanceof RollbackHookFinished h) {
            return "rollback hook " + h.hook().job() + " " + h.hook().outcome().wire() + " after "
                    + Duration.between(h.hook().startedAt(), h.hook().finishedAt()).toMillis() + " ms"
                    + (h.hook().reason() == null ? "" : ": " + h.hook().reason());
        }
        return event.eventId();
    }
}
