package io.switchback.events;

import java.time.Instant;

@Doc("The timeline of one rollback; the RTO is trafficSwitchedAt minus faultOnsetAt, plus endpoint propagation.")
public record RollbackTimings(
        @Doc(value = "When the fault began (the breach's firstBadAt); absent for a manual rollback.", optional = true) Instant faultOnsetAt,
        @Doc("When the health monitor emitted the breach, or the operator the request.") Instant detectedAt,
        @Doc("When the rollback controller decided to act.") Instant decidedAt,
        @Doc("When the Service selector was patched back.") Instant trafficSwitchedAt) {
}
