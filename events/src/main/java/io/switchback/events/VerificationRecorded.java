package io.switchback.events;

import java.time.Instant;

@Doc("The pipeline ran a verification (integration tests, the load test) against a build deployed in an environment"
        + " and reports its outcome: a gate of the build's promotion to the next environment.")
public record VerificationRecorded(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment the verification ran against, e.g. staging.", pattern = FieldPatterns.NAME)
        String environment,
        @Doc(value = "The service verified, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The build verified: the eventId of its build.completed.", pattern = FieldPatterns.ID)
        String buildEventId,
        @Doc(value = "The verification's name, as switchback.deployer.verifications lists it, e.g. load-test.",
                pattern = FieldPatterns.NAME) String check,
        @Doc("passed or failed.") VerificationOutcome outcome,
        @Doc(value = "What it measured, for a person, e.g. p95 82 ms < 100 ms at 1000 users.", optional = true)
        String summary,
        @Doc(value = "Where its report is, e.g. the workflow run.", optional = true) String url,
        @Doc("Who or what reported it, e.g. the workflow.") String reportedBy) implements ReleaseEvent {
}
