package io.switchback.sandbox.scenario;

import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.RollbackCompleted;
import io.switchback.sandbox.TrafficRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * 2. Every faulty release that took traffic is rolled back within the RTO: from fault onset (its first bad
 * response in the traffic record; the switch, for a fault that fails no request) to the last bad response
 * while it was live. Also measures it, per fault kind, for the report.
 */
final class RtoInvariant implements Invariant {

    /**
     * One faulty release that took traffic, and what happened to it.
     *
     * @param unnoticed no request failed before it lost the traffic (caught before its fault reached users)
     */
    record Outcome(String deploymentId, FaultKind kind, Instant onset, Instant restored, boolean rolledBack,
            boolean unnoticed) {
        Duration rto() {
            return Duration.between(onset, restored);
        }
    }

    private final List<Outcome> outcomes = new ArrayList<>();

    @Override
    public String name() {
        return "2 rto";
    }

    /** The faulty releases measured at the last check. */
    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    @Override
    public int check(Facts facts, List<Violation> violations) {
        outcomes.clear();
        int checks = 0;
        Duration rto = facts.ground().timings().rto();
        for (DeploymentTrafficSwitched switched : facts.of(DeploymentTrafficSwitched.class)) {
            FaultKind kind = facts.faultOf(switched.deploymentId());
            if (kind == FaultKind.NONE) {
                continue;
            }
            Optional<Instant> until = LiveWindows.liveUntil(facts, switched);
            List<TrafficRecord> bad = badResponses(facts, switched, kind, until.orElse(facts.ground().now()));
            boolean unnoticed = bad.isEmpty() && kind != FaultKind.CIRCUIT_BREAKER;
            Instant onset = bad.isEmpty() ? switched.occurredAt() : bad.get(0).sentAt();
            checks++;
            if (until.isEmpty()) {
                if (!unnoticed && facts.ground().overdue(onset.plus(rto))) {
                    violations.add(new Violation(name(), "rto-open:" + switched.deploymentId(), onset,
                            kind.label() + " release " + switched.deploymentId() + " still live " + rto.toSeconds()
                                    + " s after fault onset", "switched by event " + switched.eventId()));
                }
                continue;
            }
            Instant restored = bad.isEmpty() ? until.get() : bad.get(bad.size() - 1).sentAt();
            restored = restored.isBefore(onset) ? onset : restored;
            boolean rolledBack = facts.of(RollbackCompleted.class).stream()
                    .anyMatch(r -> r.deploymentId().equals(switched.deploymentId()));
            Outcome outcome = new Outcome(switched.deploymentId(), kind, onset, restored, rolledBack, unnoticed);
            outcomes.add(outcome);
            if (outcome.rto().compareTo(rto) > 0) {
                violations.add(new Violation(name(), "rto:" + switched.deploymentId(), onset,
                        kind.label() + " release " + switched.deploymentId() + " restored after "
                                + outcome.rto().toMillis() + " ms", "switched by event " + switched.eventId()));
            }
        }
        return checks;
    }

    /** The responses that show the fault, from the switch until traffic moved off it (plus propagation). */
    static List<TrafficRecord> badResponses(Facts facts, DeploymentTrafficSwitched switched, FaultKind kind,
            Instant until) {
        String version = FaultKind.versionOf(switched.liveImage());
        Instant to = until.plusSeconds(2);
        return facts.trafficBetween(switched.occurredAt(), to).stream().filter(r -> kind.shownBy(r, version)).toList();
    }
}
