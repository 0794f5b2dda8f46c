package io.switchback.cli;

import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.Rollout;
import java.io.PrintWriter;

/** How {@code status} prints one Service of one cluster. */
final class StatusLines {

    private StatusLines() {
    }

    static void print(PrintWriter out, String environment, StatusCommand.Seen seen, Verdicts verdicts) {
        ReleaseRecord r = seen.record();
        out.printf("%s/%s @%s%n", environment, seen.service(), seen.cluster());
        out.printf("  live      %s %s (%s)%s%n", r.liveColor().wire(), r.liveImage(),
                r.deploymentId() == null ? "released before Switchback" : r.deploymentId(),
                r.switchedAt() == null ? "" : " since " + Lines.time(r.switchedAt()));
        out.printf("  phase     %s%s%n", r.phase() == null ? "not released by Switchback yet" : r.phase().wire(),
                r.rollbackWindowEndsAt() == null ? "" : "; rollback window until " + Lines.time(r.rollbackWindowEndsAt()));
        if (r.previousColor() != null) {
            out.printf("  previous  %s %s (%s)%n", r.previousColor().wire(), r.previousImage(),
                    r.previousDeploymentId());
        }
        if (r.rollout() != null) {
            out.printf("  rollout   %s%n", rollout(r.rollout()));
        }
        if (r.rollback() != null) {
            out.printf("  rollback  %s from %s to %s since %s: %s%n", r.rollback().rollbackId(),
                    r.rollback().from().wire(), r.rollback().to().wire(), Lines.time(r.rollback().claimedAt()),
                    r.rollback().cause().summary());
        }
        if (r.pending() != null) {
            out.printf("  pending   %s %s waits for its gates (approve: switchback approve %s %s)%n",
                    r.pending().deploymentId(), r.pending().image(), seen.service(), r.pending().deploymentId());
        }
        if (r.lastFailed() != null) {
            out.printf("  failed    %s %s (retry: switchback retry %s %s)%n", r.lastFailed().deploymentId(),
                    r.lastFailed().image(), seen.service(), r.lastFailed().deploymentId());
        }
        verdicts.of(r.deploymentId()).forEach(v -> out.printf("  verdict   %s%n", v));
    }

    private static String rollout(Rollout rollout) {
        String canary = rollout.canary() == null ? "" : ", canary until " + Lines.time(rollout.canary().endsAt())
                + (rollout.canary().passed() ? " (passed)" : "");
        return "%s %s onto %s since %s, deadline %s%s".formatted(rollout.deploymentId(), rollout.image(),
                rollout.color().wire(), Lines.time(rollout.startedAt()), Lines.time(rollout.deadline()), canary);
    }
}
