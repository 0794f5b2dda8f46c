package io.switchback.events;

import java.time.Instant;

@Doc("The rollback controller began switching traffic back.")
public record RollbackStarted(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc(value = "This rollback.", pattern = FieldPatterns.ID) String rollbackId,
        @Doc("What caused the rollback.") RollbackCause cause,
        @Doc("The colour traffic leaves.") Color fromColor,
        @Doc("The colour traffic returns to.") Color toColor) implements ReleaseEvent {
}
