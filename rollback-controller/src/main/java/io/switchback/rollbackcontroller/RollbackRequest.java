package io.switchback.rollbackcontroller;

import io.switchback.cluster.RollbackClaim;
import io.switchback.events.HealthBreached;
import io.switchback.events.RollbackCause;
import io.switchback.events.RollbackRequested;
import io.switchback.events.RollbackTrigger;
import java.time.Instant;

/**
 * What asks for a rollback, reduced to what the decision needs: a breach names the release it is about; an
 * operator names one or means whatever is live.
 *
 * @param deploymentId the release to roll back; null: the live one, resolved when the request is decided
 * @param faultOnsetAt when the fault began (the breach's firstBadAt); null for a manual request
 * @param detectedAt   when the breach was called or the command given: the request's age counts from here
 */
record RollbackRequest(String environment, String service, String deploymentId, RollbackCause cause,
        Instant faultOnsetAt, Instant detectedAt) {

    static RollbackRequest of(HealthBreached breach) {
        String summary = "%s %s %s (threshold %s) over %d ms, %d samples".formatted(breach.check().wire(),
                format(breach.observed(), breach.unit()), breach.unit(), format(breach.threshold(), breach.unit()),
                breach.windowMs(), breach.sampleCount())
                + (breach.reason() == null ? "" : ": " + breach.reason());
        return new RollbackRequest(breach.environment(), breach.service(), breach.deploymentId(),
                new RollbackCause(RollbackTrigger.HEALTH_BREACH, breach.eventId(), breach.check(), breach.observed(),
                        breach.threshold(), summary),
                breach.firstBadAt(), breach.occurredAt());
    }

    static RollbackRequest of(RollbackRequested request) {
        return new RollbackRequest(request.environment(), request.service(), request.deploymentId(),
                new RollbackCause(RollbackTrigger.MANUAL, request.eventId(), null, null, null,
                        "requested by " + request.requestedBy() + ": " + request.reason()),
                null, request.occurredAt());
    }

    /** The request behind a rollback another controller instance began and did not finish. */
    static RollbackRequest of(String environment, String service, RollbackClaim claim) {
        return new RollbackRequest(environment, service, claim.deploymentId(), claim.cause(), claim.faultOnsetAt(),
                claim.detectedAt());
    }

    boolean manual() {
        return cause.trigger() == RollbackTrigger.MANUAL;
    }

    /** One rollback per cause: a redelivered request names the same rollback. */
    String rollbackId() {
        return "rb-" + cause.causeEventId();
    }

    private static String format(double value, String unit) {
        return "ratio".equals(unit) ? "%.2f%%".formatted(value * 100) : "%.0f".formatted(value);
    }
}
