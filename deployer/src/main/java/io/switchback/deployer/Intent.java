package io.switchback.deployer;

import io.switchback.cluster.Rollout;
import io.switchback.cluster.Verification;

/** What the deployer makes of a build or a command, given the cluster as it is now. */
sealed interface Intent {

    /** Not for this environment, or already taken (a redelivery): logged, no event. */
    record Ignore(String reason) implements Intent {
    }

    /** Not acted on, and the team is told why in {@code deployment.skipped}. */
    record Skip(String reason, String deploymentId) implements Intent {
    }

    /** Not now: the Service is busy with a rollback; the record is offered again shortly. */
    record Wait(String reason) implements Intent {
    }

    /**
     * Record {@code candidate} on the Service as waiting for its gates (verifications, an approval) and say so in
     * {@code deployment.promotion-pending}, naming them ({@code waitingFor}); the candidate waiting before, if any,
     * is superseded by it.
     */
    record Hold(Rollout candidate, Rollout supersedes, String upstreamEnvironment, String upstreamDeploymentId,
            String waitingFor) implements Intent {
    }

    /**
     * Record a verification reported upstream on the Service, a gate of its build's promotion; and, when it was the
     * last gate of the candidate waiting ({@code start}, else null), start that candidate.
     */
    record Verified(Verification verification, Rollout start) implements Intent {
    }

    /**
     * Start {@code rollout}, canary first, and say in {@code deployment.promotion-pending} that its swap waits for the
     * canary and an approval; the rollout in progress, if any, is superseded by it.
     */
    record CanaryFirst(Rollout rollout, Rollout supersedes, String upstreamEnvironment, String upstreamDeploymentId)
            implements Intent {
    }

    /** Record the approval on the rollout in progress, whose swap waited for it. */
    record Approve(Rollout approved) implements Intent {
    }

    /** Record {@code rollout} on the Service; the rollout in progress, if any, is superseded by it. */
    record Start(Rollout rollout, Rollout supersedes) implements Intent {
    }
}
