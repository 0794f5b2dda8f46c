package io.switchback.events;

/** The two colours of a blue-green pair; the value of the {@code color} label. */
public enum Color implements WireValue {
    BLUE("blue"),
    GREEN("green");

    private final String wire;

    Color(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The idle colour when this one is live. */
    public Color other() {
        return this == BLUE ? GREEN : BLUE;
    }
}
