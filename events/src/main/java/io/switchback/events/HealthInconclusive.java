package io.switchback.events;

import java.time.Instant;

@Doc("There was not enough data for a verdict; never a rollback by itself.")
public record HealthInconclusive(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc("The live colour that was evaluated.") Color color,
        @Doc(value = "The image it runs.", pattern = FieldPatterns.IMAGE) String image,
        @Doc("The rollback trigger that was evaluated.") HealthCheck check,
        @Doc("Why no verdict was possible, for a person.") String reason,
        @Doc("The configured window (switchback.health.window), in milliseconds.") long windowMs,
        @Doc("Samples in the window.") long sampleCount,
        @Doc("The fewest samples a verdict needs.") long minimumSamples) implements ReleaseEvent {
}
