package io.switchback.console;

import java.time.Instant;

/**
 * A service in one cluster as the topics last told it: its live colour and image, the release in progress and the
 * gate it waits on, and how the last release ended.
 *
 * @param cluster     the cluster (the events' {@code ce_cluster}); empty in an environment of one cluster
 * @param liveSince   when traffic last moved to the live colour; null when only a rollout's start told it
 * @param inProgress  the release in progress, null when none
 * @param step        where the release in progress is
 * @param waitsOn     the gate it waits on, null when it waits on nothing
 */
record ClusterStatus(String cluster, String liveColor, String liveImage, String liveDeploymentId, Instant liveSince,
        String inProgress, String inProgressImage, String step, String waitsOn, String lastOutcome) {

    static ClusterStatus unknown(String cluster) {
        return new ClusterStatus(cluster, null, null, null, null, null, null, null, null, null);
    }

    ClusterStatus live(String color, String image, String deploymentId, Instant since) {
        return new ClusterStatus(cluster, color, image, deploymentId, since, inProgress, inProgressImage, step,
                waitsOn, lastOutcome);
    }

    ClusterStatus releasing(String deploymentId, String image, String step, String waitsOn) {
        return new ClusterStatus(cluster, liveColor, liveImage, liveDeploymentId, liveSince, deploymentId,
                image != null ? image : deploymentId.equals(inProgress) ? inProgressImage : null, step, waitsOn,
                lastOutcome);
    }

    /** The release ended: nothing in progress if it was the one. */
    ClusterStatus ended(String deploymentId, String outcome) {
        boolean current = deploymentId.equals(inProgress);
        return new ClusterStatus(cluster, liveColor, liveImage, liveDeploymentId, liveSince,
                current ? null : inProgress, current ? null : inProgressImage, current ? null : step,
                current ? null : waitsOn, outcome);
    }
}
