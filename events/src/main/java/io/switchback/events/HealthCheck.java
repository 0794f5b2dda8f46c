package io.switchback.events;

/** The rollback triggers the health monitor evaluates. */
public enum HealthCheck implements WireValue {
    ERROR_RATE("error-rate"),
    P95_LATENCY("p95-latency"),
    CIRCUIT_BREAKER("circuit-breaker"),
    HEALTH_ENDPOINT("health-endpoint"),
    /** A canary's share of 5xx responses against the live colour's beside it, beyond a margin. */
    CANARY_BASELINE("canary-baseline");

    private final String wire;

    HealthCheck(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
