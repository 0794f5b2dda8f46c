package io.switchback.events;

import java.time.Instant;

@Doc("A CI workflow built one service image; written by the build-listener, keyed by service.")
public record BuildCompleted(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The service the image belongs to.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The image reference that was built and pushed.", pattern = FieldPatterns.IMAGE) String image,
        @Doc(value = "The commit the image was built from.", pattern = FieldPatterns.COMMIT) String commit,
        @Doc("The branch that was built, e.g. main.") String branch,
        @Doc(value = "The repository, owner/name.", optional = true) String repository,
        @Doc("The GitHub Actions workflow run id.") long workflowRunId,
        @Doc("How the workflow run concluded; only success deploys.") BuildConclusion conclusion,
        @Doc(value = "The attempt of the workflow run (GitHub's run_attempt, from 1); absent: 1.", optional = true)
        Integer runAttempt) implements SwitchbackEvent {

    @Override
    public String key() {
        return EventKeys.build(service);
    }

    /** Where this build stands among the builds of its service: workflow run id, then attempt. */
    public BuildOrder order() {
        return new BuildOrder(workflowRunId, runAttempt == null ? 1 : runAttempt);
    }
}
