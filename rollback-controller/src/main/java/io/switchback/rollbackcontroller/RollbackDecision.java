package io.switchback.rollbackcontroller;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.switchback.cluster.BlueGreen;
import io.switchback.cluster.DeploymentReadiness;
import io.switchback.cluster.Phase;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.RollbackClaim;
import io.switchback.events.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether and how to roll back, decided from the request and the cluster as it is now. Pure: a duplicate
 * or stale request finds a Service that no longer serves its release and is skipped with the reason. A
 * rollback returns to the previous release only, and only to pods that run it and are ready: when the
 * previous colour is scaled down, or a rollout has taken it since, it must be prepared first.
 */
sealed interface RollbackDecision {

    /** Not acted on, on purpose. */
    record Skip(String reason, String liveDeploymentId) implements RollbackDecision {
    }

    /** The deployer holds the Service's lock for a moment: decide again shortly. */
    record Wait(String reason) implements RollbackDecision {
    }

    /**
     * Roll {@code live} back: switch straight away when {@code prepare} is false (the previous colour runs the
     * previous release, ready); otherwise claim the Service, prepare the colour, then switch.
     *
     * @param resume the Service already carries this rollback's claim (it was begun and not finished)
     */
    record Rollback(Service service, ReleaseRecord live, boolean prepare, boolean resume) implements RollbackDecision {

        Color from() {
            return live.liveColor();
        }

        Color to() {
            return live.previousColor();
        }

        /** The record once traffic is back: the previous release live, the bad one kept aside. */
        ReleaseRecord restored(Instant switchedAt) {
            return live.toBuilder()
                    .live(live.previousDeploymentId(), live.previousColor(), live.previousImage(), switchedAt,
                            Phase.ROLLED_BACK, null)
                    .previous(live.liveColor(), live.liveImage(), live.deploymentId())
                    .rolledBack(live.deploymentId()).rollout(null).rollback(null).lock(null).build();
        }
    }

    /**
     * @param target the Deployment of the record's previous colour as it is now, or null
     */
    static RollbackDecision decide(RollbackRequest request, Service service, Deployment target, Instant now,
            Duration maxAge, String holder) {
        Duration age = Duration.between(request.detectedAt(), now);
        if (age.compareTo(maxAge) > 0) {
            return new Skip("the request is " + age.toSeconds() + " s old, older than the " + maxAge.toSeconds()
                    + " s it may wait: whatever it was about may have changed since", null);
        }
        Optional<ReleaseRecord> found = BlueGreen.isManaged(service) ? ReleaseRecord.of(service) : Optional.empty();
        if (found.isEmpty()) {
            return new Skip(service == null ? "no Service " + request.service() + " in this environment"
                    : "Service " + request.service() + " is not managed or selects no blue or green colour", null);
        }
        ReleaseRecord live = found.get();
        RollbackClaim claim = live.rollback();
        if (claim != null) {
            return claim.rollbackId().equals(request.rollbackId())
                    ? new Rollback(service, live, true, true)
                    : new Skip("rollback " + claim.rollbackId() + " is already in progress", live.deploymentId());
        }
        Optional<String> notThis = notTheLiveRelease(request, live);
        if (notThis.isPresent()) {
            return new Skip(notThis.get(), live.deploymentId());
        }
        if (live.lockedAgainst(holder, now)) {
            return new Wait("the Service is locked by " + live.lock().holder());
        }
        return new Rollback(service, live, !ready(live, target), false);
    }

    private static Optional<String> notTheLiveRelease(RollbackRequest request, ReleaseRecord live) {
        if (request.deploymentId() != null && live.rollout() != null && live.rollout().canaryRunning()
                && request.deploymentId().equals(live.rollout().deploymentId())) {
            return Optional.of("deployment " + request.deploymentId() + " is a canary beside the live release: the"
                    + " deployer removes it (deployment.failed, stage canary); the live release stays");
        }
        if (live.deploymentId() == null) {
            return Optional.of("the live release of " + request.service()
                    + " was not deployed by Switchback: there is no earlier release to return to");
        }
        if (request.deploymentId() != null && !request.deploymentId().equals(live.deploymentId())) {
            return Optional.of("deployment " + request.deploymentId() + " is no longer live"
                    + (request.deploymentId().equals(live.rolledBackDeploymentId()) ? " (already rolled back)" : ""));
        }
        if (live.phase() == Phase.ROLLED_BACK) {
            return Optional.of("the live release " + live.deploymentId() + " is the one a rollback restored; its "
                    + "predecessor " + live.previousDeploymentId() + " was rolled back and is never restored");
        }
        if (live.previousColor() == null || live.previousImage() == null) {
            return Optional.of("no previous release recorded for " + request.service() + ": nothing to roll back to");
        }
        return Optional.empty();
    }

    /**
     * Whether traffic may go to the previous colour as it is: it runs the previous release, ready. A rollout
     * recorded but not yet applied there is cancelled by the switch; the deployer applies one only under its
     * lock, whose write would have refused this decision's.
     */
    private static boolean ready(ReleaseRecord live, Deployment target) {
        return target != null
                && Objects.equals(BlueGreen.deploymentIdOf(target), live.previousDeploymentId())
                && live.previousImage().equals(BlueGreen.imageOf(target))
                && DeploymentReadiness.isReady(target) && BlueGreen.replicasOf(target) > 0;
    }
}
