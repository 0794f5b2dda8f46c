package io.switchback.events;

import java.time.Instant;

@Doc("The new colour, with a few pods, takes a share of the traffic beside the live colour (the Service selects both:"
        + " the share is the ratio of ready pods). The health monitor judges it until endsAt; a breach removes it.")
public record DeploymentCanaryStarted(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc("The colour the canary runs on.") Color color,
        @Doc(value = "The image it runs.", pattern = FieldPatterns.IMAGE) String image,
        @Doc("Its ready pods.") int canaryReplicas,
        @Doc("The colour serving beside it.") Color liveColor,
        @Doc("The live colour's pods.") int liveReplicas,
        @Doc("When the canary ends, if nothing breached: the colour is scaled up and the traffic switched.")
        Instant endsAt) implements ReleaseEvent {
}
