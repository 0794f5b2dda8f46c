package io.switchback.cluster;

import java.time.Instant;

/**
 * Who may write the Deployments of a Service now ({@code switchback.io/lock}). Taken and released by guarded
 * writes of the Service, so that a write to a colour's Deployment and the decision it rests on cannot
 * interleave with another service's: the deployer holds it for a moment around each Deployment write, the
 * rollback controller while it prepares the previous colour. A lock whose holder died expires.
 *
 * @param holder the instance holding it, {@code <service>/<instance id>}: {@value #DEPLOYER}/... or
 *               {@value #ROLLBACK_CONTROLLER}/...; another instance of the same service waits for it too
 * @param until  when it expires if not released
 */
public record RecordLock(String holder, Instant until) {

    /** The service part of the deployer's instances' holder names. */
    public static final String DEPLOYER = "deployer";
    /** The service part of the rollback controller's instances' holder names. */
    public static final String ROLLBACK_CONTROLLER = "rollback-controller";

    /** Whether the lock still holds at {@code now}. */
    public boolean heldAt(Instant now) {
        return until.isAfter(now);
    }
}
