package io.switchback.events;

import java.time.Instant;

@Doc("A live release's soak (or a canary's time) ended on healthy verdicts: every check passed over enough of it. The"
        + " deployer of the same cluster marks the release stable (or lets the canary's swap go on) only after this.")
public record HealthSoakPassed(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc("The live colour that was evaluated.") Color color,
        @Doc(value = "The image it runs.", pattern = FieldPatterns.IMAGE) String image,
        @Doc("When the release took the traffic: the soak's start.") Instant soakStartedAt,
        @Doc("When its soak (the rollback window) ended.") Instant soakEndsAt,
        @Doc("How long every check was judged passing, in milliseconds.") long judgedHealthyMs,
        @Doc("How long a pass needs (switchback.health.soak-coverage of the soak), in milliseconds.") long requiredMs,
        @Doc("How long the checks were watched without all passing (inconclusive, pending or failing), in"
                + " milliseconds.") long unjudgedMs) implements ReleaseEvent {
}
