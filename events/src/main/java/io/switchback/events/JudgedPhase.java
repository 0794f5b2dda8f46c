package io.switchback.events;

/** What the health monitor was judging a release for when it gathered a piece of evidence. */
public enum JudgedPhase implements WireValue {
    /** A canary: a few pods of the new colour beside the live colour, before the swap. */
    CANARY("canary"),
    /** The live release in its soak, the rollback window after it took the traffic. */
    SOAK("soak");

    private final String wire;

    JudgedPhase(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
