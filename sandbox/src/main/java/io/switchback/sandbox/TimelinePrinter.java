package io.switchback.sandbox;

import io.switchback.events.BuildCompleted;
import io.switchback.events.DeploymentCanaryStarted;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentPromotionPending;
import io.switchback.events.DeploymentReady;
import io.switchback.events.DeploymentSkipped;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentSuperseded;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HealthBreached;
import io.switchback.events.HealthInconclusive;
import io.switchback.events.HealthRecovered;
import io.switchback.events.HealthSoakHeld;
import io.switchback.events.HealthSoakPassed;
import io.switchback.events.PromotionApproved;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackFailed;
import io.switchback.events.RollbackHookFinished;
import io.switchback.events.RollbackSkipped;
import io.switchback.events.RollbackStarted;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.VerificationRecorded;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/** A readable line per event: milliseconds from the start, type, key, and what it says. */
final class TimelinePrinter {

    private TimelinePrinter() {
    }

    static void print(PrintWriter out, Instant start, EventTimeline timeline) {
        for (EventTimeline.Entry entry : timeline.entries()) {
            SwitchbackEvent e = entry.event();
            String where = entry.cluster() == null ? e.key() : e.key() + "@" + entry.cluster();
            out.printf("  %+9.3f s  %-30s %-18s %s%n", Duration.between(start, e.occurredAt()).toMillis() / 1000.0,
                    e.type().ceType().replace("io.switchback.", "").replace(".v1", ""), where, describe(e));
        }
        out.flush();
    }

    static String describe(SwitchbackEvent event) {
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
