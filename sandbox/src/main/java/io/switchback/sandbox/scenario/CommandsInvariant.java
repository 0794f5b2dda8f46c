package io.switchback.sandbox.scenario;

import io.switchback.events.DeploymentSkipped;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackFailed;
import io.switchback.events.RollbackSkipped;
import io.switchback.events.RollbackStarted;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * 7. Every command answered 2xx is acted on or answered with an event naming it, and a rollback never
 * restores a release that was rolled back.
 */
final class CommandsInvariant implements Invariant {

    @Override
    public String name() {
        return "7 commands";
    }

    @Override
    public int check(Facts facts, List<Violation> violations) {
        Set<String> answered = new HashSet<>();
        Stream.of(facts.of(RollbackStarted.class).stream().map(e -> e.cause().causeEventId()),
                facts.of(RollbackCompleted.class).stream().map(e -> e.cause().causeEventId()),
                facts.of(RollbackFailed.class).stream().map(e -> e.cause().causeEventId()),
                facts.of(RollbackSkipped.class).stream().map(e -> e.cause().causeEventId()),
                facts.of(DeploymentSkipped.class).stream().map(DeploymentSkipped::causeEventId),
                facts.of(DeploymentStarted.class).stream().map(DeploymentStarted::retryCommandId),
                facts.of(DeploymentStarted.class).stream().map(DeploymentStarted::approvalCommandId))
                .flatMap(s -> s).forEach(answered::add);
        int checks = 0;
        for (ScenarioLog.PostedCommand command : facts.ground().log().commands()) {
            checks++;
            if (!answered.contains(command.eventId())
                    && facts.ground().overdue(command.postedAt().plus(facts.ground().timings().margin()))) {
                violations.add(new Violation(name(), "unanswered:" + command.eventId(), command.postedAt(),
                        command.kind() + " command " + command.eventId() + " for " + command.service()
                                + " accepted but never answered", command.toString()));
            }
        }
        return checks + neverRestoresRolledBack(facts, violations);
    }

    private int neverRestoresRolledBack(Facts facts, List<Violation> violations) {
        int checks = 0;
        for (String service : facts.services()) {
            Set<String> rolledBack = new HashSet<>();
            for (Facts.Switch change : facts.switchesOf(service)) {
                if (!change.rollback()) {
                    continue;
                }
                checks++;
                var record = change.after().record();
                if (record.deploymentId() != null && rolledBack.contains(record.deploymentId())) {
                    violations.add(new Violation(name(), "restored:" + change.after().resourceVersion(),
                            change.after().at(), "a rollback restored " + record.deploymentId()
                                    + ", which an earlier rollback had taken traffic from", record.toString()));
                }
                rolledBack.add(record.rolledBackDeploymentId());
            }
        }
        return checks;
    }
}
