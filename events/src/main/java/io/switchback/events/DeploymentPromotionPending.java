package io.switchback.events;

import java.time.Instant;

@Doc("A production canary is healthy and waits for promotion.approved.")
public record DeploymentPromotionPending(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc(value = "The image under canary.", pattern = FieldPatterns.IMAGE) String image,
        @Doc("The colour running the canary pods.") Color canaryColor,
        @Doc("Canary pods sharing the Service.") int canaryReplicas,
        @Doc("Pods of the live colour beside them.") int liveReplicas) implements ReleaseEvent {
}
