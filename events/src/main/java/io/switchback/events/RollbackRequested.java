package io.switchback.events;

import java.time.Instant;

@Doc("An operator asked to roll a service back in an environment.")
public record RollbackRequested(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc("Why, in the operator's words.") String reason,
        @Doc("Who asked (a GitHub login or an ops user).") String requestedBy,
        @Doc(value = "The release to roll back; absent: the release live when the command is handled, which the "
                + "rollback events then name.", optional = true, pattern = FieldPatterns.ID) String deploymentId)
        implements ReleaseEvent {
}
