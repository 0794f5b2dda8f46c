package io.switchback.events;

import java.time.Instant;

@Doc("An operator asked to retry a failed deployment.")
public record DeploymentRetryRequested(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc("Who asked.") String requestedBy,
        @Doc(value = "Why, in the operator's words.", optional = true) String reason) implements ReleaseEvent {
}
