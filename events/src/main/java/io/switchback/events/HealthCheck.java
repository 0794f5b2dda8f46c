package io.switchback.events;

/** The rollback triggers the health monitor evaluates. */
public enum HealthCheck implements WireValue {
    ERROR_RATE("error-rate"),
    P95_LATENCY("p95-latency"),
    CIRCUIT_BREAKER("circuit-breaker"),
    HEALTH_ENDPOINT("health-endpoint");

    private final String wire;

    HealthCheck(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
