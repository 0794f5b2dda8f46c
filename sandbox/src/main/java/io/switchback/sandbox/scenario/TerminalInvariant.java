package io.switchback.sandbox.scenario;

import io.switchback.cluster.Phase;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentSuperseded;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HealthSoakPassed;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.RollbackCompleted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * 5. Every rollout reaches a terminal event within its progress deadline plus a margin, every switched
 * release ends its soak (stable, superseded or rolled back) within the window plus the margin, and a soak
 * ends only for the release the Service serves, and only after the health monitor passed it.
 */
final class TerminalInvariant implements Invariant {

    @Override
    public String name() {
        return "5 terminal";
    }

    @Override
    public int check(Facts facts, List<Violation> violations) {
        Ground.Timings timings = facts.ground().timings();
        int checks = 0;
        for (DeploymentStarted started : facts.of(DeploymentStarted.class)) {
            checks++;
            String id = started.deploymentId();
            Optional<ReleaseEvent> end = first(facts, id, DeploymentTrafficSwitched.class, DeploymentFailed.class,
                    DeploymentSuperseded.class);
            late(facts, violations, "rollout:" + id, started.occurredAt(), end,
                    timings.progressDeadline().plus(timings.margin()), "rollout " + id + " (" + started.image() + ")");
        }
        for (DeploymentTrafficSwitched switched : facts.of(DeploymentTrafficSwitched.class)) {
            checks++;
            String id = switched.deploymentId();
            Optional<ReleaseEvent> end = first(facts, id, DeploymentStable.class, DeploymentSuperseded.class,
                    RollbackCompleted.class);
            late(facts, violations, "soak:" + id, switched.occurredAt(), end, timings.soak().plus(timings.margin()),
                    "the soak of " + id);
        }
        for (DeploymentStable stable : facts.of(DeploymentStable.class)) {
            checks++;
            boolean itsOwn = facts.versionsOf(stable.service()).stream().anyMatch(v -> v.record() != null
                    && stable.deploymentId().equals(v.record().deploymentId()) && v.record().phase() == Phase.STABLE);
            if (!itsOwn) {
                violations.add(new Violation(name(), "soak-owner:" + stable.eventId(), stable.occurredAt(),
                        "deployment.stable for " + stable.deploymentId() + ", which the Service never recorded stable",
                        "deployment.stable " + stable.eventId()));
            }
            boolean passed = facts.of(HealthSoakPassed.class).stream().anyMatch(p -> p.deploymentId()
                    .equals(stable.deploymentId()) && !p.occurredAt().isAfter(stable.occurredAt()));
            // the health topic is read beside the deployments topic: a pass may reach the timeline after the stable
            if (!passed && facts.ground().finished()) {
                violations.add(new Violation(name(), "soak-passed:" + stable.eventId(), stable.occurredAt(),
                        "deployment.stable for " + stable.deploymentId() + " without the health monitor's"
                                + " health.soak-passed before it", "deployment.stable " + stable.eventId()));
            }
        }
        return checks;
    }

    private static void late(Facts facts, List<Violation> violations, String key, Instant from,
            Optional<ReleaseEvent> end, Duration bound, String what) {
        Instant due = from.plus(bound);
        if (end.isPresent() ? end.get().occurredAt().isAfter(due) : facts.ground().overdue(due)) {
            violations.add(new Violation("5 terminal", key, from, what + " had no terminal event within "
                    + bound.toSeconds() + " s", end.map(e -> e.type().ceType() + " " + e.eventId() + " at "
                    + e.occurredAt()).orElse("none yet at " + facts.ground().now())));
        }
    }

    @SafeVarargs
    private static Optional<ReleaseEvent> first(Facts facts, String deploymentId,
            Class<? extends ReleaseEvent>... types) {
        return Stream.of(types).flatMap(t -> facts.of(t).stream())
                .filter(e -> deploymentId.equals(deploymentIdOf(e)))
                .map(ReleaseEvent.class::cast)
                .min(java.util.Comparator.comparing(ReleaseEvent::occurredAt));
    }

    private static String deploymentIdOf(ReleaseEvent event) {
        if (event instanceof DeploymentTrafficSwitched e) {
            return e.deploymentId();
        } else if (event instanceof DeploymentFailed e) {
            return e.deploymentId();
        } else if (event instanceof DeploymentSuperseded e) {
            return e.deploymentId();
        } else if (event instanceof DeploymentStable e) {
            return e.deploymentId();
        } else if (event instanceof RollbackCompleted e) {
            return e.deploymentId();
        }
        return null;
    }
}
