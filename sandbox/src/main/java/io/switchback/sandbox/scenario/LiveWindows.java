package io.switchback.sandbox.scenario;

import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.sandbox.scenario.ClusterHistory.ServiceVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** When releases took and lost the traffic, from the cluster history. */
final class LiveWindows {

    private LiveWindows() {
    }

    /** When traffic moved off the release (the next switch of its Service was seen); empty while it is live. */
    static Optional<Instant> liveUntil(Facts facts, DeploymentTrafficSwitched switched) {
        List<ServiceVersion> versions = facts.versionsOf(switched.service());
        long takenAt = versions.stream()
                .filter(v -> v.record() != null && switched.deploymentId().equals(v.record().deploymentId())
                        && v.selected() == switched.liveColor())
                .mapToLong(ServiceVersion::resourceVersion).min().orElse(Long.MAX_VALUE);
        return versions.stream().filter(v -> v.resourceVersion() > takenAt && v.selected() != switched.liveColor())
                .findFirst().map(ServiceVersion::at);
    }
}
