package io.switchback.events;

/** How a verification the pipeline ran came out. */
public enum VerificationOutcome implements WireValue {
    PASSED("passed"),
    FAILED("failed");

    private final String wire;

    VerificationOutcome(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
