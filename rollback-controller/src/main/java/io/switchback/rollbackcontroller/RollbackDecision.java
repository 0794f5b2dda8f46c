package io.switchback.rollbackcontroller;

import io.fabric8.kubernetes.api.model.Service;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.Color;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether and how to roll back, decided from the request and the Service as it is now. Pure: a duplicate
 * or stale breach finds a Service that no longer serves its release, and is skipped with the reason.
 */
sealed interface RollbackDecision {

    /** Not acted on, on purpose. */
    record Skip(String reason, String liveDeploymentId) implements RollbackDecision {
    }

    /** Switch {@code service} from {@code live.liveColor()} back to {@code live.previousColor()}. */
    record Rollback(Service service, ReleaseRecord live) implements RollbackDecision {

        Color from() {
            return live.liveColor();
        }

        Color to() {
            return live.previousColor();
        }

        /** The record once traffic is back: the previous release live, the bad one kept aside. */
        ReleaseRecord restored(Instant switchedAt) {
            return new ReleaseRecord(live.previousDeploymentId(), live.previousColor(), live.previousImage(),
                    live.liveColor(), live.liveImage(), live.deploymentId(), null, switchedAt, live.deploymentId());
        }
    }

    static RollbackDecision decide(RollbackRequest request, Service service) {
        if (service == null) {
            return new Skip("no Service " + request.service() + " in this environment", null);
        }
        Optional<ReleaseRecord> record = ReleaseRecord.of(service);
        if (record.isEmpty()) {
            return new Skip("Service " + request.service() + " selects no blue or green colour", null);
        }
        ReleaseRecord live = record.get();
        if (request.deploymentId() != null && !request.deploymentId().equals(live.deploymentId())) {
            String why = request.deploymentId().equals(live.rolledBackDeploymentId())
                    ? " (already rolled back)" : "";
            return new Skip("deployment " + request.deploymentId() + " is no longer live" + why, live.deploymentId());
        }
        if (live.previousColor() == null || live.previousImage() == null) {
            return new Skip("no previous release recorded for " + request.service() + ": nothing to roll back to",
                    live.deploymentId());
        }
        return new Rollback(service, live);
    }
}
