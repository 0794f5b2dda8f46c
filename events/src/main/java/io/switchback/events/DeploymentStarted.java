package io.switchback.events;

import java.time.Instant;

@Doc("The deployer began rolling a new image out to the idle colour.")
public record DeploymentStarted(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc(value = "The image being rolled out.", pattern = FieldPatterns.IMAGE) String image,
        @Doc(value = "The commit the image was built from.", pattern = FieldPatterns.COMMIT) String commit,
        @Doc(value = "The build.completed event that caused this rollout.", pattern = FieldPatterns.ID) String buildEventId,
        @Doc("The idle colour that receives the new image.") Color targetColor,
        @Doc(value = "The colour serving traffic now; absent on a first deployment.", optional = true) Color liveColor,
        @Doc(value = "The image serving traffic now; absent on a first deployment.", optional = true, pattern = FieldPatterns.IMAGE) String liveImage,
        @Doc(value = "The deployment.retry command this rollout answers; absent unless it retries a failed one.",
                optional = true, pattern = FieldPatterns.ID) String retryCommandId,
        @Doc(value = "The promotion.approved command that let this rollout go; absent unless it needed one.",
                optional = true, pattern = FieldPatterns.ID) String approvalCommandId,
        @Doc(value = "Who approved it, as the command names them; absent unless it needed an approval.",
                optional = true) String approvedBy) implements ReleaseEvent {
}
