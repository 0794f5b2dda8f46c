package io.switchback.events;

/** The conclusion of a GitHub Actions workflow run, spelled as GitHub spells it. */
public enum BuildConclusion implements WireValue {
    SUCCESS("success"),
    FAILURE("failure"),
    CANCELLED("cancelled"),
    SKIPPED("skipped"),
    TIMED_OUT("timed_out"),
    ACTION_REQUIRED("action_required"),
    NEUTRAL("neutral"),
    STALE("stale"),
    STARTUP_FAILURE("startup_failure");

    private final String wire;

    BuildConclusion(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
