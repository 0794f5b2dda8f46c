package io.switchback.events;

import java.time.Instant;

@Doc("A rollback request was not acted on, and why (e.g. the breach was about a release no longer live).")
public record RollbackSkipped(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc("What asked for the rollback.") RollbackCause cause,
        @Doc("Why nothing was done, for a person.") String reason,
        @Doc(value = "The release live at the time, if any.", optional = true, pattern = FieldPatterns.ID) String liveDeploymentId) implements ReleaseEvent {
}
