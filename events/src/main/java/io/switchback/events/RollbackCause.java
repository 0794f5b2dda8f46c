package io.switchback.events;

@Doc("Why a rollback happened: the breach (with its evidence) or the operator's request.")
public record RollbackCause(
        @Doc("What asked for the rollback.") RollbackTrigger trigger,
        @Doc(value = "The health.breached or rollback.requested event answered.", pattern = FieldPatterns.ID) String causeEventId,
        @Doc(value = "The failed check, for a breach.", optional = true) HealthCheck check,
        @Doc(value = "The observed value, for a breach.", optional = true) Double observed,
        @Doc(value = "The threshold crossed, for a breach.", optional = true) Double threshold,
        @Doc("One line a person can read.") String summary) {
}
