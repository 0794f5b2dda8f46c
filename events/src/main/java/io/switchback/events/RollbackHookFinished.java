package io.switchback.events;

import java.time.Instant;

@Doc("The service's rollback hook (a database rollback, a Job from its template) ended after a rollback had put the"
        + " traffic back: its outcome and timings. The traffic switch never waits for it.")
public record RollbackHookFinished(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release that was rolled back.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc(value = "The rollback the hook ran for (rollback.completed's rollbackId).", pattern = FieldPatterns.ID)
        String rollbackId,
        @Doc("The hook's Job: its name, start, end and outcome.") HookRun hook) implements ReleaseEvent {
}
