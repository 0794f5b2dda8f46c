package io.switchback.events;

import java.time.Instant;

@Doc("The figures of one interval of a watched release, for a chart: its error rate and p95 latency over the"
        + " interval beside their thresholds. Emitted every switchback.health.evidence-interval while a release is"
        + " watched, and at a breach for the interval so far (so that the figures beside it are not lost with the"
        + " release); a reading, not a verdict: nothing acts on it.")
public record HealthEvidence(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("The end of the interval (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc("The colour whose pods were read.") Color color,
        @Doc(value = "The image it runs.", pattern = FieldPatterns.IMAGE) String image,
        @Doc("What the release was judged for: canary, or soak (the rollback window).") JudgedPhase phase,
        @Doc("The start of the interval: the end of the one before (the first evaluation, for a release's first).")
        Instant intervalStart,
        @Doc("Requests the pods answered in the interval.") long requests,
        @Doc(value = "The share of those that were 5xx, as a ratio; absent without requests.", optional = true)
        Double errorRate,
        @Doc("The error-rate threshold the release is judged against, as a ratio.") double errorRateThreshold,
        @Doc(value = "The p95 latency of the interval's requests from the pods' histograms, in milliseconds; absent"
                + " without requests or histogram.", optional = true) Double p95Ms,
        @Doc("The p95-latency threshold the release is judged against, in milliseconds.") double p95ThresholdMs,
        @Doc("Where the figures came from.") MetricSource metricSource) implements ReleaseEvent {
}
