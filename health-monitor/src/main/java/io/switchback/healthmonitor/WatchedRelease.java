package io.switchback.healthmonitor;

import io.fabric8.kubernetes.api.model.Service;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.Rollout;
import io.switchback.events.Color;
import io.switchback.events.DeploymentCanaryStarted;
import io.switchback.events.DeploymentTrafficSwitched;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A release that took the traffic and is being watched: whose pods to judge, and what to name in verdicts. */
public record WatchedRelease(String deploymentId, String service, Color color, String image, Instant switchedAt,
        Instant rollbackWindowEndsAt, boolean canary) {

    /** A live release, not a canary. */
    public WatchedRelease(String deploymentId, String service, Color color, String image, Instant switchedAt,
            Instant rollbackWindowEndsAt) {
        this(deploymentId, service, color, image, switchedAt, rollbackWindowEndsAt, false);
    }

    public static WatchedRelease of(DeploymentTrafficSwitched event) {
        return new WatchedRelease(event.deploymentId(), event.service(), event.liveColor(), event.liveImage(),
                event.occurredAt(), event.rollbackWindowEndsAt());
    }

    /** A canary: its colour's few pods are judged from its start, and its time is passed like a soak. */
    public static WatchedRelease of(DeploymentCanaryStarted event) {
        return new WatchedRelease(event.deploymentId(), event.service(), event.color(), event.image(),
                event.occurredAt(), event.endsAt(), true);
    }

    /**
     * The releases a Service's record shows taking traffic and to be judged: the live release while it soaks (never
     * a stable or a rolled-back one), and the canary running beside the live colour.
     */
    public static List<WatchedRelease> judgedOn(Service service) {
        Optional<ReleaseRecord> record = ReleaseRecord.of(service);
        Optional<WatchedRelease> canary = record.map(ReleaseRecord::rollout).filter(Rollout::canaryRunning)
                .map(r -> new WatchedRelease(r.deploymentId(), service.getMetadata().getName(), r.color(), r.image(),
                        r.canary().startedAt(), r.canary().endsAt(), true));
        Optional<WatchedRelease> soaking = record
                .filter(r -> r.soaking() && r.deploymentId() != null && r.liveImage() != null)
                .map(r -> new WatchedRelease(r.deploymentId(), service.getMetadata().getName(), r.liveColor(),
                        r.liveImage(), r.switchedAt(), r.rollbackWindowEndsAt()));
        return Stream.concat(soaking.stream(), canary.stream()).toList();
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
        Rollout rollout = record.get().rollout();
        if (rollout != null && rollout.canaryRunning() && rollout.deploymentId().equals(deploymentId)) {
            return Optional.empty();
        }
        if (canary()) {
            return Optional.of("the Service " + this.service + " runs no canary of deployment " + deploymentId
                    + " (it failed, or took the traffic)");
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
