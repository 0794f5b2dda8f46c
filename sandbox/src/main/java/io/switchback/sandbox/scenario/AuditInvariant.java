package io.switchback.sandbox.scenario;

import io.switchback.cluster.Phase;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.RollbackCompleted;
import io.switchback.sandbox.scenario.ClusterHistory.DeploymentVersion;
import io.switchback.sandbox.scenario.ClusterHistory.ServiceVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * 6. Every switch the cluster shows has exactly one event announcing it (traffic-switched, or
 * rollback.completed for a switch back), every such event a switch it claims, and after stable the other
 * colour is at zero. Events may follow their change by a while when a service died in between and another
 * repaired it: they are awaited for the margin.
 */
final class AuditInvariant implements Invariant {

    @Override
    public String name() {
        return "6 audit";
    }

    @Override
    public int check(Facts facts, List<Violation> violations) {
        int checks = 0;
        Duration margin = facts.ground().timings().margin();
        List<ReleaseEvent> announced = new ArrayList<>();
        for (String service : facts.services()) {
            for (Facts.Switch change : facts.switchesOf(service)) {
                checks++;
                List<ReleaseEvent> events = announcing(facts, change);
                announced.addAll(events);
                if (events.size() > 1 || events.isEmpty() && facts.ground().overdue(change.after().at().plus(margin))) {
                    violations.add(new Violation(name(), "switch@" + change.after().resourceVersion(),
                            change.after().at(), service + " switched to " + change.after().selected().wire() + " with "
                                    + events.size() + " events announcing it", "Service version "
                                    + change.after().resourceVersion() + ": " + change.after().record()
                                    + "; events " + events.stream().map(ReleaseEvent::eventId).toList()));
                }
            }
        }
        List<ReleaseEvent> switchEvents = new ArrayList<>(facts.of(DeploymentTrafficSwitched.class));
        switchEvents.addAll(facts.of(RollbackCompleted.class));
        for (ReleaseEvent event : switchEvents) {
            checks++;
            if (!announced.contains(event) && facts.ground().overdue(facts.readAt(event).plusSeconds(5))) {
                violations.add(new Violation(name(), "claim:" + event.eventId(), event.occurredAt(),
                        event.type().ceType() + " claims a switch the cluster never made", event.toString()));
            }
        }
        for (DeploymentStable stable : facts.of(DeploymentStable.class)) {
            checks++;
            Optional<String> untrue = stableUntrue(facts, stable);
            untrue.ifPresent(why -> violations.add(new Violation(name(), "stable:" + stable.eventId(),
                    stable.occurredAt(), "deployment.stable " + stable.eventId() + " claims what the cluster did not show",
                    why)));
        }
        return checks;
    }

    private static List<ReleaseEvent> announcing(Facts facts, Facts.Switch change) {
        var record = change.after().record();
        if (record == null) {
            return List.of();
        }
        if (change.rollback()) {
            return facts.of(RollbackCompleted.class).stream().filter(r -> r.service().equals(change.after().service())
                    && r.deploymentId().equals(record.rolledBackDeploymentId()) && r.toColor() == change.after().selected())
                    .map(ReleaseEvent.class::cast).toList();
        }
        return facts.of(DeploymentTrafficSwitched.class).stream().filter(t -> t.service().equals(change.after().service())
                && t.deploymentId().equals(record.deploymentId()) && t.liveColor() == change.after().selected())
                .map(ReleaseEvent.class::cast).toList();
    }

    /**
     * After stable of X the previous release's pods are gone: the other colour's first versions written after
     * the record said stable (until the event was read) show it at zero replicas or running something else
     * (a rollout took it); with no such version, the one before was at zero already.
     */
    private static Optional<String> stableUntrue(Facts facts, DeploymentStable stable) {
        Optional<ServiceVersion> recorded = facts.versionsOf(stable.service()).stream()
                .filter(v -> v.record() != null && stable.deploymentId().equals(v.record().deploymentId())
                        && v.record().phase() == Phase.STABLE).findFirst();
        if (recorded.isEmpty()) {
            return Optional.of("no version of the Service recorded " + stable.deploymentId() + " stable");
        }
        long at = recorded.get().resourceVersion();
        String previous = recorded.get().record().previousDeploymentId();
        var readAt = facts.readAt(stable);
        List<DeploymentVersion> after = facts.ground().deployments().stream()
                .filter(d -> d.service().equals(stable.service()) && d.color() == stable.color().other()
                        && d.resourceVersion() > at && !d.at().isAfter(readAt))
                .sorted(Comparator.comparingLong(DeploymentVersion::resourceVersion)).toList();
        if (after.stream().anyMatch(d -> d.replicas() == 0 || !java.util.Objects.equals(d.deploymentId(), previous))) {
            return Optional.empty();
        }
        Optional<DeploymentVersion> before = facts.deploymentBefore(stable.service(), stable.color().other(), at);
        if (after.isEmpty() && before.map(d -> d.replicas() == 0).orElse(true)) {
            return Optional.empty();
        }
        return Optional.of(stable.color().other().wire() + " still ran " + previous + " when stable was read: "
                + (after.isEmpty() ? before.orElse(null) : after.get(after.size() - 1)));
    }
}
