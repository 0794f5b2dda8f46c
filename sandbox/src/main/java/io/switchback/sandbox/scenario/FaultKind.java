package io.switchback.sandbox.scenario;

import io.switchback.sandbox.TrafficRecord;
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

    /** A response slower than this shows a latency fault (the monitor's default p95 threshold). */
    public static final long SLOW_MS = 500;

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

    /**
     * Whether a response shows this fault of the release whose pods report {@code version}: a 5xx from it, a
     * response slower than {@value #SLOW_MS} ms for a latency fault, any request that found no endpoint for a
     * fault that takes the pods down. An open circuit breaker's fallback answers, so no response shows it.
     */
    public boolean shownBy(TrafficRecord r, String version) {
        if (takesPodsDown()) {
            return r.endpointless() || version.equals(r.version()) && !r.ok();
        }
        if (!version.equals(r.version())) {
            return false;
        }
        return this == SLOW ? r.latencyMs() > SLOW_MS : !r.ok();
    }

    /** The version the pods report (X-Version), which tells the release's responses in the traffic record. */
    public static String versionOf(String image) {
        return WorkloadBehaviour.fromImage(image).version();
    }
}
