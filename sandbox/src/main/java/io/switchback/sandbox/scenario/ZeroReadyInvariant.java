package io.switchback.sandbox.scenario;

import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.sandbox.TrafficRecord;
import io.switchback.sandbox.scenario.ClusterHistory.DeploymentVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * 1. Traffic is never pointed at a colour with zero ready pods (each switch against the Deployment as it
 * was written just before the switch), and no request fails for want of an endpoint (a 503 with no pod, or a
 * connection refused) outside the window of a release whose own pods go down.
 *
 * <p>A request is not Switchback's doing, and is counted apart ({@link #workloadOutages()}), when the colour the
 * Service selected had all its pods go unready by themselves: its Deployment went from ready pods to none
 * with nothing changed in it (same release, image and replicas), i.e. the pods failed their own readiness
 * probes. That is an outage of the workload, which the health monitor judges; in the sandbox it happens when
 * the one JVM running everything on 2 cores starves the pods' probes (1 s timeout) for a second or two.
 */
final class ZeroReadyInvariant implements Invariant {

    /** The router follows the selector through a watch: its last requests to the old pods land just after. */
    private static final Duration PROPAGATION = Duration.ofSeconds(2);
    /** How far before a failed request the selected colour's pods may have gone unready, and after (record lag). */
    private static final Duration UNREADY_BEFORE = Duration.ofSeconds(10);
    private static final Duration RECORD_LAG = Duration.ofSeconds(1);

    private int workloadOutages;

    @Override
    public String name() {
        return "1 zero-ready";
    }

    @Override
    public int check(Facts facts, List<Violation> violations) {
        int checks = 0;
        for (String service : facts.services()) {
            for (Facts.Switch change : facts.switchesOf(service)) {
                checks++;
                Optional<DeploymentVersion> target = facts.deploymentBefore(service, change.after().selected(),
                        change.after().resourceVersion());
                if (target.isEmpty() || target.get().readyReplicas() < 1 || target.get().replicas() < 1) {
                    violations.add(new Violation(name(), "switch@" + change.after().resourceVersion(),
                            change.after().at(), service + " switched to " + change.after().selected().wire()
                                    + " with no ready pod", "Service version " + change.after().resourceVersion()
                                    + ", record " + change.after().record() + "; Deployment " + target.orElse(null)));
                }
            }
        }
        List<Window> windows = faultWindows(facts);
        int outages = 0;
        for (TrafficRecord r : facts.ground().traffic()) {
            if (r.sentAt().isBefore(facts.ground().start()) || !r.endpointless()) {
                continue;
            }
            checks++;
            if (windows.stream().anyMatch(w -> w.contains(r.sentAt()))) {
                continue;
            }
            if (selectedPodsWentUnreadyByThemselves(facts, r.sentAt())) {
                outages++;
            } else {
                violations.add(new Violation(name(), "request@" + r.sentAt(), r.sentAt(),
                        "a request failed for want of an endpoint (" + r.status() + ", pod " + r.pod() + ")",
                        "no release whose pods go down was live then, and the selected colour's pods had not "
                                + "gone unready by themselves; windows: " + windows));
            }
        }
        workloadOutages = outages;
        return checks;
    }

    /** Requests that failed, at the last check, because the selected colour's pods went unready by themselves. */
    int workloadOutages() {
        return workloadOutages;
    }

    /**
     * Whether, shortly before {@code at}, the colour the Service then selected went from ready pods to none
     * with its Deployment otherwise unchanged: the pods' readiness, not a write of Switchback's.
     */
    static boolean selectedPodsWentUnreadyByThemselves(Facts facts, Instant at) {
        for (String service : facts.services()) {
            Optional<io.switchback.events.Color> selected = facts.versionsOf(service).stream()
                    .filter(v -> !v.at().isAfter(at) && v.selected() != null)
                    .reduce((a, b) -> b).map(ClusterHistory.ServiceVersion::selected);
            if (selected.isEmpty()) {
                continue;
            }
            DeploymentVersion previous = null;
            for (DeploymentVersion d : facts.ground().deployments()) {
                if (!d.service().equals(service) || d.color() != selected.get()) {
                    continue;
                }
                if (previous != null && previous.readyReplicas() > 0 && d.readyReplicas() == 0 && d.replicas() > 0
                        && d.replicas() == previous.replicas() && java.util.Objects.equals(d.image(), previous.image())
                        && java.util.Objects.equals(d.deploymentId(), previous.deploymentId())
                        && d.at().isAfter(at.minus(UNREADY_BEFORE)) && !d.at().isAfter(at.plus(RECORD_LAG))) {
                    return true;
                }
                previous = d;
            }
        }
        return false;
    }

    record Window(String deploymentId, Instant from, Instant to) {
        boolean contains(Instant at) {
            return !at.isBefore(from) && !at.isAfter(to);
        }
    }

    /** From the switch to a release whose pods go down until traffic moved off it, plus propagation. */
    static List<Window> faultWindows(Facts facts) {
        List<Window> windows = new ArrayList<>();
        for (DeploymentTrafficSwitched switched : facts.of(DeploymentTrafficSwitched.class)) {
            if (facts.faultOf(switched.deploymentId()).takesPodsDown()) {
                Instant end = LiveWindows.liveUntil(facts, switched).map(t -> t.plus(PROPAGATION))
                        .orElse(Instant.MAX);
                windows.add(new Window(switched.deploymentId(), switched.occurredAt(), end));
            }
        }
        return windows;
    }
}
