package io.switchback.sandbox.scenario;

import io.switchback.cluster.Phase;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.SwitchbackEvent;
import io.switchback.sandbox.EventTimeline;
import io.switchback.sandbox.TrafficRecord;
import io.switchback.sandbox.scenario.ClusterHistory.DeploymentVersion;
import io.switchback.sandbox.scenario.ClusterHistory.ServiceVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ground, indexed the ways the invariants ask: events by type and release, switches per service. */
final class Facts {

    /** A change of a Service's selector: the version that made it, and the one before. */
    record Switch(ServiceVersion before, ServiceVersion after) {

        boolean rollback() {
            return after.record() != null && after.record().phase() == Phase.ROLLED_BACK;
        }
    }

    private final Ground ground;
    /** Each event once (the first time its id was read), in the order read. */
    final List<EventTimeline.Entry> events;
    final Map<String, DeploymentStarted> startedByRelease = new LinkedHashMap<>();
    private final List<TrafficRecord> trafficBySent;

    Facts(Ground ground) {
        this.ground = ground;
        Map<String, EventTimeline.Entry> byId = new LinkedHashMap<>();
        ground.events().forEach(e -> byId.putIfAbsent(e.event().eventId(), e));
        this.events = List.copyOf(byId.values());
        of(DeploymentStarted.class).forEach(s -> startedByRelease.putIfAbsent(s.deploymentId(), s));
        trafficBySent = ground.traffic().stream().sorted(Comparator.comparing(TrafficRecord::sentAt)).toList();
    }

    /** The requests sent in [from, to], in the order sent. */
    List<TrafficRecord> trafficBetween(Instant from, Instant to) {
        return trafficBySent.subList(firstSentAtOrAfter(from), firstSentAtOrAfter(to.plusNanos(1)));
    }

    private int firstSentAtOrAfter(Instant at) {
        int low = 0;
        int high = trafficBySent.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (trafficBySent.get(mid).sentAt().isBefore(at)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    Ground ground() {
        return ground;
    }

    <T extends SwitchbackEvent> List<T> of(Class<T> type) {
        return events.stream().map(EventTimeline.Entry::event).filter(type::isInstance).map(type::cast).toList();
    }

    /** When an event was first read from its topic. */
    Instant readAt(SwitchbackEvent event) {
        return events.stream().filter(e -> e.event().eventId().equals(event.eventId())).findFirst()
                .map(EventTimeline.Entry::readAt).orElse(event.occurredAt());
    }

    /** The image of a release, as its rollout announced it; null if it never started here. */
    String imageOf(String deploymentId) {
        DeploymentStarted started = startedByRelease.get(deploymentId);
        return started == null ? null : started.image();
    }

    FaultKind faultOf(String deploymentId) {
        String image = imageOf(deploymentId);
        return image == null ? FaultKind.NONE : FaultKind.of(image);
    }

    /** The versions of one Service in the order they were written. */
    List<ServiceVersion> versionsOf(String service) {
        return ground.services().stream().filter(v -> v.service().equals(service))
                .sorted(Comparator.comparingLong(ServiceVersion::resourceVersion)).toList();
    }

    List<String> services() {
        return ground.services().stream().map(ServiceVersion::service).distinct().toList();
    }

    /** Every change of a Service's selector colour, in the order written. */
    List<Switch> switchesOf(String service) {
        List<Switch> switches = new ArrayList<>();
        ServiceVersion previous = null;
        for (ServiceVersion version : versionsOf(service)) {
            if (previous != null && version.selected() != null && version.selected() != previous.selected()) {
                switches.add(new Switch(previous, version));
            }
            previous = version;
        }
        return switches;
    }

    /** The last version of a colour's Deployment written before {@code resourceVersion}. */
    Optional<DeploymentVersion> deploymentBefore(String service, io.switchback.events.Color color,
            long resourceVersion) {
        return ground.deployments().stream()
                .filter(d -> d.service().equals(service) && d.color() == color && d.resourceVersion() < resourceVersion)
                .max(Comparator.comparingLong(DeploymentVersion::resourceVersion));
    }

    static String service(SwitchbackEvent event) {
        return event instanceof ReleaseEvent r ? r.service() : null;
    }
}
