package io.switchback.cluster;

import io.switchback.events.VerificationOutcome;
import java.time.Instant;

/**
 * A verification the pipeline reported for a build upstream ({@code verification.recorded}), as the deployer of the
 * environment it gates keeps it on the Service ({@code switchback.io/verifications}): the latest outcome of each
 * check of each build counts.
 */
public record Verification(String buildEventId, String check, VerificationOutcome outcome, String summary,
        String commandId, Instant at) {
}
