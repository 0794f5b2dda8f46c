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
 */
final class ZeroReadyInvariant implements Invariant {

    /** The router follows the selector through a watch: its last requests to the old pods land just after. */
    private static final Duration PROPAGATION = Duration.ofSeconds(2);

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
        for (TrafficRecord r : facts.ground().traffic()) {
            if (r.sentAt().isBefore(facts.ground().start()) || !r.endpointless()) {
                continue;
            }
            checks++;
            if (windows.stream().noneMatch(w -> w.contains(r.sentAt()))) {
                violations.add(new Violation(name(), "request@" + r.sentAt(), r.sentAt(),
                        "a request failed for want of an endpoint (" + r.status() + ", pod " + r.pod() + ")",
                        "no release whose pods go down was live then; windows: " + windows));
            }
        }
        return checks;
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
