package io.switchback.events;

import java.time.Instant;

@Doc("The deployer did not act on a build, a promotion or a command, and says why (an older or replayed build, "
        + "a command with nothing to act on, an approval it may not take, a Service it may not manage).")
public record DeploymentSkipped(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The build, deployment.stable (a promotion) or command event that was not acted on.",
                pattern = FieldPatterns.ID) String causeEventId,
        @Doc("The CloudEvents type of that event, e.g. io.switchback.build.completed.v1.") String causeType,
        @Doc(value = "The release the build would have become, or the one the command named.", optional = true,
                pattern = FieldPatterns.ID) String deploymentId,
        @Doc(value = "The image of the build, if it was a build.", optional = true, pattern = FieldPatterns.IMAGE)
        String image,
        @Doc("Why nothing was done, for a person.") String reason,
        @Doc(value = "The release live at the time, if any.", optional = true, pattern = FieldPatterns.ID)
        String liveDeploymentId) implements ReleaseEvent {
}
