package io.switchback.events;

import java.time.Instant;
import java.util.Optional;

@Doc("The release passed its soak window; the previous colour is scaled down.")
public record DeploymentStable(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc("The live colour.") Color color,
        @Doc(value = "The live image.", pattern = FieldPatterns.IMAGE) String image,
        @Doc("How long the release soaked under traffic, in milliseconds.") long soakMs,
        @Doc(value = "The commit the image was built from; absent for a release Switchback did not roll out.",
                optional = true, pattern = FieldPatterns.COMMIT) String commit,
        @Doc(value = "The build.completed event the release came from; absent for a release Switchback did not roll out.",
                optional = true, pattern = FieldPatterns.ID) String buildEventId,
        @Doc(value = "The workflow run id of that build: with runAttempt, where the release stands among the "
                + "builds of its service, which an environment promoting it keeps to.", optional = true)
        Long workflowRunId,
        @Doc(value = "The attempt of that workflow run.", optional = true) Integer runAttempt)
        implements ReleaseEvent {

    /** The order of the build the release came from, if the event carries it. */
    public Optional<BuildOrder> buildOrder() {
        return workflowRunId == null ? Optional.empty()
                : Optional.of(new BuildOrder(workflowRunId, runAttempt == null ? 1 : runAttempt));
    }
}
