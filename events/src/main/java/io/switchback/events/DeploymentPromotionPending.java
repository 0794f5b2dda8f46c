package io.switchback.events;

import java.time.Instant;

@Doc("A release that became stable upstream is a candidate here and waits for its gates before the swap; "
        + "today the gate is an approval (promotion.approved naming this deploymentId).")
public record DeploymentPromotionPending(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release waiting: the id an approval names.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc(value = "The image, exactly as it ran upstream (never rebuilt).", pattern = FieldPatterns.IMAGE) String image,
        @Doc(value = "The commit the image was built from.", pattern = FieldPatterns.COMMIT) String commit,
        @Doc(value = "The environment the release became stable in.", pattern = FieldPatterns.NAME) String upstreamEnvironment,
        @Doc(value = "The release there.", pattern = FieldPatterns.ID) String upstreamDeploymentId,
        @Doc("What it waits for, comma-separated gates: verification <check> (not reported, or failed), approval.")
        String waitingFor,
        @Doc(value = "The release live here now, if any.", optional = true, pattern = FieldPatterns.ID)
        String liveDeploymentId) implements ReleaseEvent {
}
