package io.switchback.rollbackcontroller;

import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.Rollout;
import io.switchback.events.Color;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentStage;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackFailed;
import io.switchback.events.RollbackSkipped;
import io.switchback.events.RollbackStarted;
import io.switchback.events.RollbackTimings;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The events of a rollback, each naming its cause; and the notice of a rollout a rollback cancelled. */
final class RollbackEvents {

    private RollbackEvents() {
    }

    static RollbackStarted started(RollbackRequest request, ReleaseRecord live, Instant at) {
        return new RollbackStarted(id(), at, request.environment(), request.service(), live.deploymentId(),
                request.rollbackId(), request.cause(), live.liveColor(), live.previousColor());
    }

    static RollbackCompleted completed(RollbackRequest request, ReleaseRecord live, Instant decidedAt,
            Instant switchedAt) {
        return new RollbackCompleted(id(), switchedAt, request.environment(), request.service(), live.deploymentId(),
                request.rollbackId(), request.cause(), live.liveColor(), live.previousColor(), live.previousImage(),
                new RollbackTimings(request.faultOnsetAt(), request.detectedAt(), decidedAt, switchedAt));
    }

    static RollbackFailed failed(RollbackRequest request, ReleaseRecord live, String reason, Color trafficColor,
            Instant at) {
        return new RollbackFailed(id(), at, request.environment(), request.service(), live.deploymentId(),
                request.rollbackId(), request.cause(), reason, trafficColor);
    }

    static RollbackSkipped skipped(RollbackRequest request, String reason, String liveDeploymentId, Instant at) {
        String about = request.deploymentId() != null ? request.deploymentId()
                : Objects.requireNonNullElse(liveDeploymentId, "none");
        return new RollbackSkipped(id(), at, request.environment(), request.service(), about, request.cause(), reason,
                liveDeploymentId);
    }

    /** For the deployer to publish (it writes switchback.deployments): the rollout this rollback stopped. */
    static DeploymentFailed cancelled(RollbackRequest request, Rollout rollout, ReleaseRecord live, Color trafficColor,
            Instant at) {
        return new DeploymentFailed(id(), at, request.environment(), request.service(), rollout.deploymentId(),
                rollout.image(), DeploymentStage.ROLLOUT, "cancelled: rollback " + request.rollbackId() + " of "
                + live.deploymentId() + " returns traffic to " + live.previousColor().wire()
                + ", the colour this rollout was using", trafficColor, null);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
