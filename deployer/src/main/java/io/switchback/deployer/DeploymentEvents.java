package io.switchback.deployer;

import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.Rollout;
import io.switchback.events.BuildOrder;
import io.switchback.events.Color;
import io.switchback.events.DeploymentCanaryStarted;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentHeld;
import io.switchback.events.DeploymentPromotionPending;
import io.switchback.events.DeploymentReady;
import io.switchback.events.DeploymentSkipped;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentStage;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentSuperseded;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HookRun;
import io.switchback.events.SwitchbackEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The deployer's events of one environment, each carrying enough to explain itself. */
final class DeploymentEvents {

    private final String environment;

    DeploymentEvents(String environment) {
        this.environment = environment;
    }

    DeploymentStarted started(String service, Rollout rollout, ReleaseRecord live) {
        return new DeploymentStarted(id(), rollout.startedAt(), environment, service, rollout.deploymentId(),
                rollout.image(), rollout.commit(), rollout.buildEventId(), rollout.color(), live.liveColor(),
                live.liveImage(), rollout.retryCommandId(),
                rollout.approval() == null ? null : rollout.approval().commandId(),
                rollout.approval() == null ? null : rollout.approval().approvedBy());
    }

    DeploymentPromotionPending promotionPending(String service, Rollout candidate, String upstreamEnvironment,
            String upstreamDeploymentId, String waitingFor, ReleaseRecord live) {
        return new DeploymentPromotionPending(id(), candidate.startedAt(), environment, service,
                candidate.deploymentId(), candidate.image(), candidate.commit(), upstreamEnvironment,
                upstreamDeploymentId, waitingFor, live.deploymentId());
    }

    DeploymentCanaryStarted canaryStarted(String service, Rollout canary, int canaryReplicas, Color liveColor,
            int liveReplicas) {
        return new DeploymentCanaryStarted(id(), canary.canary().startedAt(), environment, service, canary.deploymentId(),
                canary.color(), canary.image(), canaryReplicas, liveColor, liveReplicas, canary.canary().endsAt());
    }

    DeploymentHeld held(String service, Rollout rollout, List<String> clusters, String reason, Instant deadline,
            Instant at) {
        return new DeploymentHeld(id(), at, environment, service, rollout.deploymentId(), rollout.image(),
                String.join(",", clusters), reason, deadline);
    }

    DeploymentSuperseded superseded(String service, String deploymentId, String image, String by, Instant at) {
        return new DeploymentSuperseded(id(), at, environment, service, deploymentId, image, by);
    }

    DeploymentReady ready(String service, Rollout rollout, int readyReplicas, Instant at) {
        return new DeploymentReady(id(), at, environment, service, rollout.deploymentId(), rollout.color(),
                rollout.image(), readyReplicas, Duration.between(rollout.startedAt(), at).toMillis());
    }

    /** @param hook the pre-swap hook that succeeded before the switch, or null */
    DeploymentTrafficSwitched switched(String service, ReleaseRecord after, HookRun hook) {
        return new DeploymentTrafficSwitched(id(), after.switchedAt(), environment, service, after.deploymentId(),
                after.liveColor(), after.liveImage(), after.previousColor(), after.previousImage(),
                after.rollbackWindowEndsAt(), hook);
    }

    /** @param hook the pre-swap hook, when the rollout failed at it; else null */
    DeploymentFailed failed(String service, Rollout rollout, DeploymentStage stage, String reason, HookRun hook,
            ReleaseRecord live, Instant at) {
        return new DeploymentFailed(id(), at, environment, service, rollout.deploymentId(), rollout.image(), stage,
                reason, live.liveColor(), hook);
    }

    /** With the build the release came from, when the record still knows it: what a promotion keeps order by. */
    DeploymentStable stable(String service, ReleaseRecord live, Instant at) {
        long soakMs = live.switchedAt() == null ? 0 : Duration.between(live.switchedAt(), at).toMillis();
        Optional<Rollout> release = live.liveRelease();
        Optional<BuildOrder> order = release.map(Rollout::buildOrder);
        return new DeploymentStable(id(), at, environment, service, live.deploymentId(), live.liveColor(),
                live.liveImage(), soakMs, release.map(Rollout::commit).orElse(null),
                release.map(Rollout::buildEventId).orElse(null), order.map(BuildOrder::workflowRunId).orElse(null),
                order.map(BuildOrder::runAttempt).orElse(null));
    }

    /**
     * The id is the cause's, derived: a cause taken again (redelivered after a rebalance, or retried after a write
     * Kafka did not acknowledge but may still have kept) is said skipped under the same id, which readers dedupe.
     */
    DeploymentSkipped skipped(String service, SwitchbackEvent cause, String deploymentId, String image, String reason,
            String liveDeploymentId, Instant at) {
        String id = UUID.nameUUIDFromBytes(("deployment.skipped " + cause.eventId()).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new DeploymentSkipped(id, at, environment, service, cause.eventId(), cause.type().ceType(),
                deploymentId, image, reason, liveDeploymentId);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
