package io.switchback.healthmonitor;

import io.fabric8.kubernetes.api.model.Service;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.Color;
import io.switchback.events.DeploymentTrafficSwitched;
import java.time.Instant;
import java.util.Optional;

/** A release that took the traffic and is being watched: whose pods to judge, and what to name in verdicts. */
public record WatchedRelease(String deploymentId, String service, Color color, String image, Instant switchedAt,
        Instant rollbackWindowEndsAt) {

    public static WatchedRelease of(DeploymentTrafficSwitched event) {
        return new WatchedRelease(event.deploymentId(), event.service(), event.liveColor(), event.liveImage(),
                event.occurredAt(), event.rollbackWindowEndsAt());
    }

    /**
     * The release a Service's record shows live and soaking, if any: the one release of the Service to watch
     * (never a stable or a rolled-back one).
     */
    public static Optional<WatchedRelease> soakingOn(Service service) {
        return ReleaseRecord.of(service)
                .filter(r -> r.soaking() && r.deploymentId() != null && r.liveImage() != null)
                .map(r -> new WatchedRelease(r.deploymentId(), service.getMetadata().getName(), r.liveColor(),
                        r.liveImage(), r.switchedAt(), r.rollbackWindowEndsAt()));
    }

    /**
     * Why the cluster no longer serves this release for watching, if it does not: the cluster is the source of
     * truth, and a release it rolled back, replaced or ended the soak of is not ours to judge any more.
     *
     * @param service the Service as the cluster has it now; null if it is gone
     */
    public Optional<String> notServedBy(Service service) {
        if (service == null) {
            return Optional.of("the Service " + this.service + " is gone");
        }
        Optional<ReleaseRecord> record = ReleaseRecord.of(service);
        if (record.isEmpty()) {
            return Optional.of("the Service " + this.service + " selects no colour");
        }
        if (!deploymentId.equals(record.get().deploymentId())) {
            return Optional.of("the Service " + this.service + " now serves deployment " + record.get().deploymentId()
                    + " (rolled back or superseded)");
        }
        if (!record.get().soaking()) {
            return Optional.of("the Service " + this.service + " records deployment " + deploymentId + " as "
                    + (record.get().phase() == null ? "not soaking" : record.get().phase().wire()));
        }
        return Optional.empty();
    }
}
