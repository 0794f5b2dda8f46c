package io.switchback.deployer;

import io.switchback.events.DeploymentStage;

/** A rollout step that did not succeed; traffic has not moved. */
final class RolloutFailure extends RuntimeException {

    private final DeploymentStage stage;

    RolloutFailure(DeploymentStage stage, String reason) {
        super(reason);
        this.stage = stage;
    }

    DeploymentStage stage() {
        return stage;
    }
}
