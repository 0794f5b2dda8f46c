package io.switchback.cluster;

import io.switchback.events.BuildOrder;
import io.switchback.events.Color;
import java.time.Instant;

/**
 * A rollout onto the idle colour, recorded on the Service while it runs ({@code switchback.io/rollout}) and
 * kept after it failed ({@code switchback.io/last-failed}) so that an operator can retry it.
 *
 * @param buildEventId   the build.completed event that asked for it
 * @param color          the idle colour it rolls out to
 * @param deadline       when it fails if the colour is not ready and checked by then
 * @param retryCommandId the deployment.retry command it answers, or null
 * @param approval       the promotion.approved command it answers, or null
 * @param canary         its canary while its colour takes a share of the traffic beside the live one (the Service
 *                       selecting both), or null: no canary yet, or none in this environment
 */
public record Rollout(String deploymentId, String image, String commit, String buildEventId, BuildOrder buildOrder,
        Color color, Instant startedAt, Instant deadline, String retryCommandId, Approval approval, Canary canary) {

    /**
     * A rollout's canary: since when it serves, until when it is judged, and whether the health monitor of this
     * cluster passed it on healthy verdicts over that time ({@code health.soak-passed} naming it).
     */
    public record Canary(Instant startedAt, Instant endsAt, boolean passed) {
    }

    public Rollout(String deploymentId, String image, String commit, String buildEventId, BuildOrder buildOrder,
            Color color, Instant startedAt, Instant deadline, String retryCommandId, Approval approval) {
        this(deploymentId, image, commit, buildEventId, buildOrder, color, startedAt, deadline, retryCommandId,
                approval, null);
    }

    /**
     * Who let a promotion go, by which command, and when it was taken (null in records written before it was kept).
     */
    public record Approval(String commandId, String approvedBy, Instant at) {

        public Approval(String commandId, String approvedBy) {
            this(commandId, approvedBy, null);
        }
    }

    /** A rollout no approval let go (a build, a retry, a promotion that needs none). */
    public Rollout(String deploymentId, String image, String commit, String buildEventId, BuildOrder buildOrder,
            Color color, Instant startedAt, Instant deadline, String retryCommandId) {
        this(deploymentId, image, commit, buildEventId, buildOrder, color, startedAt, deadline, retryCommandId, null);
    }

    /** The same rollout aimed at another colour. */
    public Rollout withColor(Color other) {
        return new Rollout(deploymentId, image, commit, buildEventId, buildOrder, other, startedAt, deadline,
                retryCommandId, approval, canary);
    }

    /** The same rollout, let go by {@code approval} (at its swap, after its canary). */
    public Rollout withApproval(Approval given) {
        return new Rollout(deploymentId, image, commit, buildEventId, buildOrder, color, startedAt, deadline,
                retryCommandId, given, canary);
    }

    /** The same rollout, its canary taking traffic since {@code at}, judged until {@code endsAt}. */
    public Rollout withCanary(Instant at, Instant endsAt) {
        return new Rollout(deploymentId, image, commit, buildEventId, buildOrder, color, startedAt, deadline,
                retryCommandId, approval, new Canary(at, endsAt, false));
    }

    /** The same rollout, its canary passed by the health monitor. */
    public Rollout withCanaryPassed() {
        return new Rollout(deploymentId, image, commit, buildEventId, buildOrder, color, startedAt, deadline,
                retryCommandId, approval, new Canary(canary.startedAt(), canary.endsAt(), true));
    }

    /** Whether its colour takes a share of the traffic now (the Service selects both colours). */
    public boolean canaryRunning() {
        return canary != null;
    }
}
