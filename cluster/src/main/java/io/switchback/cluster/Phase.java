package io.switchback.cluster;

import io.switchback.events.WireValue;
import java.util.Arrays;
import java.util.Optional;

/** Where the live release stands, as recorded on its Service ({@code switchback.io/phase}). */
public enum Phase implements WireValue {
    /** Switched to and watched; the previous colour stays warm until the rollback window ends. */
    SOAKING("soaking"),
    /** Passed its soak on healthy verdicts; the previous colour is scaled down. */
    STABLE("stable"),
    /** Live again after a rollback took traffic away from the release that replaced it. */
    ROLLED_BACK("rolled-back");

    private final String wire;

    Phase(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    static Optional<Phase> of(String wire) {
        return Arrays.stream(values()).filter(p -> p.wire.equals(wire)).findFirst();
    }
}
