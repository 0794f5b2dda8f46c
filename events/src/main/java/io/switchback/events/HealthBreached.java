package io.switchback.events;

import java.time.Instant;

@Doc("A live release broke a rollback trigger: the sequential test of its error rate or latency crossed its threshold,"
        + " or another check failed for the configured number of evaluations.")
public record HealthBreached(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc("The live colour that was evaluated.") Color color,
        @Doc(value = "The image it runs.", pattern = FieldPatterns.IMAGE) String image,
        @Doc("The rollback trigger that was evaluated.") HealthCheck check,
        @Doc("The value observed over windowMs, in unit: for error-rate and p95-latency the 5xx share or the p95 over the"
                + " evidence since firstBadAt.") double observed,
        @Doc("The threshold it crossed, in unit.") double threshold,
        @Doc("The unit of observed and threshold: ratio, ms or count.") String unit,
        @Doc("The span the value was computed over, in milliseconds: for error-rate and p95-latency the evidence since the"
                + " change-point, otherwise the configured window.") long windowMs,
        @Doc("Requests (or pods) the value was computed over.") long sampleCount,
        @Doc("The fewest samples a verdict needs: for error-rate and p95-latency, the fewest requests that can breach at"
                + " once.") long minimumSamples,
        @Doc("Consecutive failing evaluations, at least the configured number (1 for error-rate and p95-latency).")
        int consecutiveFailures,
        @Doc("The detected fault onset: the change-point estimate of a sequential test (the first evaluation in its"
                + " evidence), else the first failing evaluation.") Instant firstBadAt,
        @Doc("Where the figures came from.") MetricSource metricSource,
        @Doc(value = "What failed, for a person (e.g. which pods are not ready or restarted).", optional = true)
        String reason) implements ReleaseEvent {
}
