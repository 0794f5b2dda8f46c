package io.switchback.healthmonitor;

import io.fabric8.kubernetes.api.model.Pod;
import io.switchback.cluster.BlueGreen;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The live colour's pods as the informers of {@link ColourObjects} last saw them (those being deleted left out),
 * its Deployment's desired replicas, and where to read the ready pods: what every metric source starts from,
 * and what Kubernetes adds to its snapshot.
 *
 * @param desiredReplicas null when the colour has no Deployment
 */
record LiveColour(List<Pod> pods, List<ScrapeTarget> targets, Integer desiredReplicas) {

    static LiveColour read(ColourObjects colours, WatchedRelease release, MetricsProfile profile) {
        List<Pod> pods = colours.pods(release.service(), release.color()).stream()
                .filter(pod -> !PodState.terminating(pod)).toList();
        Integer desired = colours.deployment(release.service(), release.color()).map(BlueGreen::replicasOf)
                .orElse(null);
        return new LiveColour(pods, pods.stream().map(pod -> ScrapeTarget.of(pod, profile.paths()))
                .flatMap(Optional::stream).toList(), desired);
    }

    /** These pods with what their reads gave. */
    ReleaseSnapshot snapshot(Instant at, List<PodSample> samples) {
        return ReleaseSnapshot.of(at, samples, pods.stream().map(PodState::of).toList(), desiredReplicas);
    }
}
