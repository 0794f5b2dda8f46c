package io.switchback.events;

import java.time.Instant;

@Doc("A hook Job Switchback ran for a release (a migration, integration tests), with its outcome and timings.")
public record HookRun(
        @Doc(value = "The Job's name, in the Service's namespace.", pattern = FieldPatterns.NAME) String job,
        @Doc("When Switchback created the Job.") Instant startedAt,
        @Doc("When it finished, or when Switchback gave up on it.") Instant finishedAt,
        @Doc("succeeded, failed, or timed-out (not finished within its deadline).") HookOutcome outcome,
        @Doc(value = "Why it did not succeed, for a person; absent when it did.", optional = true) String reason) {
}
