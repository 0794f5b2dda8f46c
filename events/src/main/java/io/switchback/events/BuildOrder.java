package io.switchback.events;

/**
 * The order of the builds of one service: by GitHub Actions workflow run id, then by run attempt. A build
 * that is not newer than one already taken is never deployed (an older build, a replay, a redelivery).
 */
public record BuildOrder(long workflowRunId, int runAttempt) implements Comparable<BuildOrder> {

    /** The form kept in the release record, e.g. {@code 9876543210.2}. */
    public String wire() {
        return workflowRunId + "." + runAttempt;
    }

    /** @throws IllegalArgumentException when {@code wire} is not {@code <run id>.<attempt>} */
    public static BuildOrder parse(String wire) {
        int dot = wire == null ? -1 : wire.indexOf('.');
        if (dot < 1) {
            throw new IllegalArgumentException("a build order is <run id>.<attempt>, not " + wire);
        }
        return new BuildOrder(Long.parseLong(wire.substring(0, dot)), Integer.parseInt(wire.substring(dot + 1)));
    }

    @Override
    public int compareTo(BuildOrder other) {
        int byRun = Long.compare(workflowRunId, other.workflowRunId);
        return byRun != 0 ? byRun : Integer.compare(runAttempt, other.runAttempt);
    }
}
