package io.switchback.cluster;

import java.util.List;

/**
 * The clusters of the environment that reported a release ready ({@code deployment.ready}), as the primary heard
 * them ({@code switchback.io/followers-ready}): it switches only once every cluster it switches with has.
 */
public record FollowersReady(String deploymentId, List<String> clusters) {

    public FollowersReady {
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
    }

    /** These, with {@code cluster} ready for {@code release}; a note of another release starts again. */
    public static FollowersReady with(FollowersReady before, String release, String cluster) {
        List<String> ready = new java.util.ArrayList<>(before != null && release.equals(before.deploymentId())
                ? before.clusters() : List.of());
        if (!ready.contains(cluster)) {
            ready.add(cluster);
        }
        return new FollowersReady(release, ready);
    }

    /** The clusters of {@code expected} that have not reported {@code release} ready. */
    public static List<String> missing(FollowersReady ready, String release, List<String> expected) {
        return expected.stream().filter(c -> ready == null || !release.equals(ready.deploymentId())
                || !ready.clusters().contains(c)).toList();
    }
}
