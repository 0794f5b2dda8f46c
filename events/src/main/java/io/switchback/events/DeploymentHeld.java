package io.switchback.events;

import java.time.Instant;

@Doc("A ready rollout waits for another cluster of its environment before it switches: the primary for its failover"
        + " regions' readiness, a failover region for its primary's switch. Held, with the reason, until the deadline;"
        + " past it the rollout fails (deployment.failed, stage traffic-switch) and no region is left half-swapped"
        + " silently.")
public record DeploymentHeld(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc(value = "The image it runs.", pattern = FieldPatterns.IMAGE) String image,
        @Doc("The clusters it waits for, comma-separated.") String waitingFor,
        @Doc("What it waits for them to do, for a person.") String reason,
        @Doc("When it fails if they have not.") Instant deadline) implements ReleaseEvent {
}
