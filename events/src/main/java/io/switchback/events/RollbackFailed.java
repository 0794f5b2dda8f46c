package io.switchback.events;

import java.time.Instant;

@Doc("The rollback could not switch traffic back; a person must act (see the runbook).")
public record RollbackFailed(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc(value = "This rollback.", pattern = FieldPatterns.ID) String rollbackId,
        @Doc("What caused the rollback.") RollbackCause cause,
        @Doc("What went wrong, for a person.") String reason,
        @Doc(value = "The colour still serving traffic.", optional = true) Color trafficColor) implements ReleaseEvent {
}
