package io.switchback.sandbox.scenario;

import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackTrigger;
import java.util.List;

/** 3. No healthy release is rolled back: every rollback a breach caused is of a release with a fault. */
final class NoFalseRollbackInvariant implements Invariant {

    private int falseRollbacks;

    @Override
    public String name() {
        return "3 no-false-rollback";
    }

    int falseRollbacks() {
        return falseRollbacks;
    }

    @Override
    public int check(Facts facts, List<Violation> violations) {
        int checks = 0;
        falseRollbacks = 0;
        for (RollbackCompleted rollback : facts.of(RollbackCompleted.class)) {
            if (rollback.cause().trigger() != RollbackTrigger.HEALTH_BREACH) {
                continue;
            }
            checks++;
            if (facts.faultOf(rollback.deploymentId()) == FaultKind.NONE) {
                falseRollbacks++;
                violations.add(new Violation(name(), "false:" + rollback.deploymentId(), rollback.occurredAt(),
                        "healthy release " + rollback.deploymentId() + " (" + facts.imageOf(rollback.deploymentId())
                                + ") was rolled back", "rollback.completed " + rollback.eventId() + ": "
                                + rollback.cause().summary()));
            }
        }
        return checks;
    }
}
