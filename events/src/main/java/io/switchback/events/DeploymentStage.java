package io.switchback.events;

/** The step of a rollout at which it failed. */
public enum DeploymentStage implements WireValue {
    ROLLOUT("rollout"),
    READINESS("readiness"),
    PRE_SWITCH_CHECKS("pre-switch-checks"),
    PRE_SWAP_HOOK("pre-swap-hook"),
    CANARY("canary"),
    TRAFFIC_SWITCH("traffic-switch");

    private final String wire;

    DeploymentStage(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
