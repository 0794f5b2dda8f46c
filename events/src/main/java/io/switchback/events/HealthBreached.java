package io.switchback.events;

import java.time.Instant;

@Doc("A live release broke a rollback trigger for the configured number of evaluations.")
public record HealthBreached(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc("The live colour that was evaluated.") Color color,
        @Doc(value = "The image it runs.", pattern = FieldPatterns.IMAGE) String image,
        @Doc("The rollback trigger that was evaluated.") HealthCheck check,
        @Doc("The value observed over the window, in unit.") double observed,
        @Doc("The threshold it crossed, in unit.") double threshold,
        @Doc("The unit of observed and threshold: ratio, ms or count.") String unit,
        @Doc("The sliding window the value was computed over, in milliseconds.") long windowMs,
        @Doc("Requests (or scrapes) in the window.") long sampleCount,
        @Doc("The fewest samples a verdict needs.") long minimumSamples,
        @Doc("Consecutive failing evaluations, at least the configured number.") int consecutiveFailures,
        @Doc("When the window first went bad: the detected fault onset.") Instant firstBadAt,
        @Doc("Where the figures came from.") MetricSource metricSource,
        @Doc(value = "What failed, for a person (e.g. which pods are not ready or restarted).", optional = true)
        String reason) implements ReleaseEvent {
}
