package io.switchback.events;

import java.time.Instant;

@Doc("A newer build replaced this deployment before it finished.")
public record DeploymentSuperseded(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc(value = "The image that will not be rolled out.", pattern = FieldPatterns.IMAGE) String image,
        @Doc(value = "The deployment that replaced it.", pattern = FieldPatterns.ID) String supersededBy) implements ReleaseEvent {
}
