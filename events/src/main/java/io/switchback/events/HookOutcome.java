package io.switchback.events;

/** How a hook Job ended. */
public enum HookOutcome implements WireValue {
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    TIMED_OUT("timed-out");

    private final String wire;

    HookOutcome(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
