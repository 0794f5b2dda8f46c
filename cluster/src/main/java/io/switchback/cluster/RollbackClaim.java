package io.switchback.cluster;

import io.switchback.events.Color;
import io.switchback.events.RollbackCause;
import java.time.Instant;

/**
 * A rollback that must prepare the previous colour before it can switch (scale it up, or put the previous
 * release back on it after a rollout took it), recorded on the Service ({@code switchback.io/rollback}) so
 * that the deployer leaves both colours alone and any controller instance can finish it after a crash.
 *
 * @param rollbackId   the rollback, {@code rb-<cause event id>}
 * @param deploymentId the release traffic leaves
 * @param from         the colour traffic leaves
 * @param to           the colour traffic returns to
 * @param faultOnsetAt when the fault began, for a breach; else null
 * @param detectedAt   when the breach was called or the command given
 */
public record RollbackClaim(String rollbackId, String deploymentId, Color from, Color to, RollbackCause cause,
        Instant faultOnsetAt, Instant detectedAt, Instant claimedAt) {
}
