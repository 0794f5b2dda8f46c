package io.switchback.events;

import java.time.Instant;

@Doc("A check that had failed passes again.")
public record HealthRecovered(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc("The live colour that was evaluated.") Color color,
        @Doc(value = "The image it runs.", pattern = FieldPatterns.IMAGE) String image,
        @Doc("The rollback trigger that was evaluated.") HealthCheck check,
        @Doc("The value observed over windowMs, in unit.") double observed,
        @Doc("The threshold, in unit.") double threshold,
        @Doc("The unit of observed and threshold: ratio, ms or count.") String unit,
        @Doc("The span the value was computed over, in milliseconds: for error-rate and p95-latency the evidence of the"
                + " recovery, otherwise the configured window.") long windowMs,
        @Doc("Requests (or pods) the value was computed over.") long sampleCount) implements ReleaseEvent {
}
