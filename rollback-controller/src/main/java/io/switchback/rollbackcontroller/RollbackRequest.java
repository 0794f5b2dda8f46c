package io.switchback.rollbackcontroller;

import io.switchback.events.HealthBreached;
import io.switchback.events.RollbackCause;
import io.switchback.events.RollbackRequested;
import io.switchback.events.RollbackTrigger;
import java.time.Instant;

/**
 * What asks for a rollback, reduced to what the decision needs: a breach names the release it is about;
 * an operator's request is about whatever is live.
 *
 * @param deploymentId the release the breach is about; null for a manual request
 * @param faultOnsetAt when the fault began (the breach's firstBadAt); null for a manual request
 */
record RollbackRequest(String environment, String service, String deploymentId, RollbackCause cause,
        Instant faultOnsetAt, Instant detectedAt) {

    static RollbackRequest of(HealthBreached breach) {
        String summary = "%s %s %s (threshold %s) over %d ms, %d samples".formatted(breach.check().wire(),
                format(breach.observed(), breach.unit()), breach.unit(), format(breach.threshold(), breach.unit()),
                breach.windowMs(), breach.sampleCount());
        return new RollbackRequest(breach.environment(), breach.service(), breach.deploymentId(),
                new RollbackCause(RollbackTrigger.HEALTH_BREACH, breach.eventId(), breach.check(), breach.observed(),
                        breach.threshold(), summary),
                breach.firstBadAt(), breach.occurredAt());
    }

    static RollbackRequest of(RollbackRequested request) {
        return new RollbackRequest(request.environment(), request.service(), null,
                new RollbackCause(RollbackTrigger.MANUAL, request.eventId(), null, null, null,
                        "requested by " + request.requestedBy() + ": " + request.reason()),
                null, request.occurredAt());
    }

    private static String format(double value, String unit) {
        return "ratio".equals(unit) ? "%.2f%%".formatted(value * 100) : "%.0f".formatted(value);
    }
}
