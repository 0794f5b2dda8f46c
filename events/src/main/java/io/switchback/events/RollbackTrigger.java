package io.switchback.events;

/** What asked for a rollback. */
public enum RollbackTrigger implements WireValue {
    HEALTH_BREACH("health-breach"),
    MANUAL("manual");

    private final String wire;

    RollbackTrigger(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
