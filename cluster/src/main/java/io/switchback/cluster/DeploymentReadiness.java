package io.switchback.cluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Objects;

/** When a Deployment counts as rolled out and ready, as {@code kubectl rollout status} judges it. */
public final class DeploymentReadiness {

    private DeploymentReadiness() {
    }

    public static boolean isReady(Deployment deployment) {
        if (deployment == null || deployment.getStatus() == null) {
            return false;
        }
        int desired = count(deployment.getSpec().getReplicas(), 1);
        var status = deployment.getStatus();
        long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
        return Objects.requireNonNullElse(status.getObservedGeneration(), 0L) >= generation
                && count(status.getUpdatedReplicas(), 0) == desired
                && count(status.getReplicas(), 0) == desired
                && count(status.getReadyReplicas(), 0) == desired
                && count(status.getAvailableReplicas(), 0) == desired;
    }

    /** For a person: how far it got. */
    public static String progress(Deployment deployment) {
        if (deployment == null) {
            return "the Deployment is gone";
        }
        int desired = count(deployment.getSpec().getReplicas(), 1);
        int ready = deployment.getStatus() == null ? 0 : count(deployment.getStatus().getReadyReplicas(), 0);
        return ready + " of " + desired + " pods ready";
    }

    /** The API server omits zero counts. */
    private static int count(Integer value, int absent) {
        return value == null ? absent : value;
    }
}
