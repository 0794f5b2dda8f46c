package io.switchback.events;

import java.time.Instant;

@Doc("A live release's soak (or a canary's time) ended without enough healthy verdicts (missing data, a check still failing): it is held"
        + " soaking, its previous colour kept warm and its checks still watched, until it has them. Never a rollback"
        + " by itself, never a promotion on silence.")
public record HealthSoakHeld(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc("The live colour that was evaluated.") Color color,
        @Doc(value = "The image it runs.", pattern = FieldPatterns.IMAGE) String image,
        @Doc("When the release took the traffic: the soak's start.") Instant soakStartedAt,
        @Doc("When its soak (the rollback window) ended.") Instant soakEndsAt,
        @Doc("How long every check was judged passing so far, in milliseconds.") long judgedHealthyMs,
        @Doc("How long a pass needs (switchback.health.soak-coverage of the soak), in milliseconds.") long requiredMs,
        @Doc("How long the checks were watched without all passing (inconclusive, pending or failing), in"
                + " milliseconds.") long unjudgedMs,
        @Doc("Why the checks did not all pass at the last evaluation, for a person.") String reason)
        implements ReleaseEvent {
}
