package io.switchback.events;

import java.time.Instant;

@Doc("The release passed its soak window; the previous colour is scaled down.")
public record DeploymentStable(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc("The live colour.") Color color,
        @Doc(value = "The live image.", pattern = FieldPatterns.IMAGE) String image,
        @Doc("How long the release soaked under traffic, in milliseconds.") long soakMs) implements ReleaseEvent {
}
