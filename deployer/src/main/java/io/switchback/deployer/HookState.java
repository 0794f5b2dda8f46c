package io.switchback.deployer;

import io.switchback.events.HookOutcome;
import io.switchback.events.HookRun;
import java.time.Instant;

/** Where a rollout's pre-swap hook stands, read from the cluster (the template's ConfigMap, the Job). */
sealed interface HookState {

    /** The service has no pre-swap hook. */
    record None() implements HookState {
    }

    /** The service has one, and it has not been started for this rollout. */
    record NotStarted(String template) implements HookState {
    }

    /** Its Job runs; it fails the rollout if it still runs at {@code deadline}. */
    record Running(String job, Instant startedAt, Instant deadline) implements HookState {
    }

    /** Its Job ended: succeeded, failed or timed out. */
    record Finished(HookRun run) implements HookState {

        boolean succeeded() {
            return run.outcome() == HookOutcome.SUCCEEDED;
        }
    }
}
