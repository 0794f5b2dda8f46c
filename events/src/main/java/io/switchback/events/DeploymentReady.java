package io.switchback.events;

import java.time.Instant;

@Doc("The new colour is ready: observed generation current, all replicas ready.")
public record DeploymentReady(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc("The colour that became ready.") Color color,
        @Doc(value = "The image it runs.", pattern = FieldPatterns.IMAGE) String image,
        @Doc("Ready replicas of the new colour.") int readyReplicas,
        @Doc("Milliseconds from deployment.started to ready.") long readyAfterMs) implements ReleaseEvent {
}
