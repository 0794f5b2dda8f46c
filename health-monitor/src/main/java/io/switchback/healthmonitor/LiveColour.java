package io.switchback.healthmonitor;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.switchback.cluster.BlueGreen;
import io.switchback.cluster.BlueGreenCluster;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The live colour's pods as the cluster says now (those being deleted left out), and where to read the ready
 * ones: what every metric source starts from, and what Kubernetes adds to its snapshot.
 */
record LiveColour(List<Pod> pods, List<ScrapeTarget> targets) {

    static LiveColour read(BlueGreenCluster cluster, WatchedRelease release, MetricsProfile profile) {
        List<Pod> pods = cluster.pods(release.service(), release.color()).stream()
                .filter(pod -> !PodState.terminating(pod)).toList();
        return new LiveColour(pods, pods.stream().map(pod -> ScrapeTarget.of(pod, profile.paths()))
                .flatMap(Optional::stream).toList());
    }

    /** These pods with what their reads gave, and the colour's Deployment (null when there is none). */
    ReleaseSnapshot snapshot(Instant at, List<PodSample> samples, Deployment deployment) {
        return ReleaseSnapshot.of(at, samples, pods.stream().map(PodState::of).toList(),
                deployment == null ? null : BlueGreen.replicasOf(deployment));
    }
}
