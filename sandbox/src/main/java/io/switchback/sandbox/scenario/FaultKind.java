package io.switchback.sandbox.scenario;

import io.switchback.sandbox.WorkloadBehaviour;

/** What is wrong with a release, read from its image tag as the simulated cluster reads it. */
public enum FaultKind {
    NONE("healthy"),
    ERRORS("errors"),
    SLOW("latency"),
    CIRCUIT_BREAKER("circuit breaker open"),
    UNREADY_AFTER("pods unready after the switch"),
    CRASH_AFTER("pods crash-looping after the switch"),
    NEVER_READY("pods never ready");

    private final String label;

    FaultKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static FaultKind of(String image) {
        WorkloadBehaviour b = WorkloadBehaviour.fromImage(image);
        if (b.unready()) {
            return NEVER_READY;
        }
        if (b.crashAfter() != null) {
            return CRASH_AFTER;
        }
        if (b.unreadyAfter() != null) {
            return UNREADY_AFTER;
        }
        if (b.circuitBreakerOpen()) {
            return CIRCUIT_BREAKER;
        }
        if (b.slowMillis() > 0) {
            return SLOW;
        }
        return b.errorRatio() > 0 ? ERRORS : NONE;
    }

    /** Whether its pods stop serving: requests then fail for want of an endpoint, which is the fault itself. */
    public boolean takesPodsDown() {
        return this == UNREADY_AFTER || this == CRASH_AFTER || this == NEVER_READY;
    }

    /** The version the pods report (X-Version), which tells the release's responses in the traffic record. */
    public static String versionOf(String image) {
        return WorkloadBehaviour.fromImage(image).version();
    }
}
