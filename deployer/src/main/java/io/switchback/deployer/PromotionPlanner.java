package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.Service;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.Rollout;
import io.switchback.cluster.Verification;
import io.switchback.events.BuildOrder;
import io.switchback.events.DeploymentStable;
import io.switchback.events.PromotionApproved;
import io.switchback.events.VerificationOutcome;
import io.switchback.events.VerificationRecorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what a release that became stable upstream, and an approval, come to in this environment. Pure, like
 * {@link RolloutPlanner}: the same event against the same cluster gives the same intent. A promotion keeps the
 * order of the builds it came from (an older one never replaces a newer one) and the image exactly as it ran
 * upstream. While it has gates — verifications the pipeline must report passed for its build
 * ({@code switchback.deployer.verifications}), an approval — it waits on the Service's record
 * ({@code switchback.io/pending-promotion}); an approval counts only once the verifications passed; a newer
 * candidate replaces a waiting one.
 */
final class PromotionPlanner {

    private final String environment;
    private final DeployerProperties properties;
    private final RolloutPlanner rollouts;

    PromotionPlanner(String environment, DeployerProperties properties, RolloutPlanner rollouts) {
        this.environment = environment;
        this.properties = properties;
        this.rollouts = rollouts;
    }

    Intent plan(DeploymentStable stable, Service service, Instant now) {
        if (!properties.promotesFrom(stable.environment())) {
            return new Intent.Ignore("releases of " + stable.environment() + " are not promoted to " + environment);
        }
        String deploymentId = deploymentId(stable);
        Optional<BuildOrder> order = stable.buildOrder();
        if (order.isEmpty() || stable.buildEventId() == null || stable.commit() == null) {
            return new Intent.Skip("release " + stable.deploymentId() + " of " + stable.environment()
                    + " does not say which build it came from (a release Switchback did not roll out there), so it"
                    + " cannot be kept in order with the others", deploymentId);
        }
        Optional<String> stale = RolloutPlanner.tooOld(stable, properties.maxBuildAge(), now);
        if (stale.isPresent()) {
            return new Intent.Skip(stale.get() + "; ship it again", deploymentId);
        }
        Optional<ReleaseRecord> found = RolloutPlanner.recordOf(service, stable.service());
        if (found.isEmpty()) {
            return new Intent.Skip(rollouts.whyNoRecord(service, stable.service()), deploymentId);
        }
        ReleaseRecord record = found.get();
        if (taken(record, deploymentId)) {
            return new Intent.Ignore("promotion " + deploymentId + " is already taken (a redelivery)");
        }
        if (record.buildOrder() != null && order.get().compareTo(record.buildOrder()) <= 0) {
            return new Intent.Skip("the build of " + stable.deploymentId() + " (run " + order.get().workflowRunId()
                    + " attempt " + order.get().runAttempt() + ") is not newer than run "
                    + record.buildOrder().workflowRunId() + " attempt " + record.buildOrder().runAttempt()
                    + ", already taken here", deploymentId);
        }
        if (record.rollout() == null && stable.image().equals(record.liveImage())) {
            return new Intent.Skip("image " + stable.image() + " is already live", deploymentId);
        }
        Optional<Intent> busy = RolloutPlanner.busy(record, now);
        if (busy.isPresent()) {
            return busy.get();
        }
        Rollout candidate = new Rollout(deploymentId, stable.image(), stable.commit(), stable.buildEventId(),
                order.get(), record.liveColor().other(), now, null, null);
        List<String> gates = unverified(candidate.buildEventId(), record);
        if (properties.requiresApproval() && !properties.approvalAtSwap()) {
            gates.add("approval");
        }
        if (!gates.isEmpty()) {
            return new Intent.Hold(candidate, record.pending(), stable.environment(), stable.deploymentId(),
                    String.join(", ", gates) + (properties.approvalAtSwap() ? ", then the canary and an approval" : ""));
        }
        if (properties.approvalAtSwap()) {
            return new Intent.CanaryFirst(started(candidate, record, null, now), record.rollout(), stable.environment(),
                    stable.deploymentId());
        }
        return new Intent.Start(started(candidate, record, null, now), record.rollout());
    }

    /**
     * A verification of a build upstream: kept on the Service as a gate of the build's promotion, and, when it
     * passes the last gate of the candidate waiting and no approval is required, the candidate starts.
     */
    Intent plan(VerificationRecorded verification, Service service, Instant now) {
        if (!properties.promotesFrom(verification.environment())) {
            return new Intent.Ignore("verifications in " + verification.environment() + " do not gate " + environment);
        }
        Optional<ReleaseRecord> found = RolloutPlanner.recordOf(service, verification.service());
        if (found.isEmpty()) {
            return new Intent.Ignore(rollouts.whyNoRecord(service, verification.service()));
        }
        ReleaseRecord record = found.get();
        if (record.verifications().stream().anyMatch(v -> v.commandId().equals(verification.eventId()))) {
            return new Intent.Ignore("verification " + verification.eventId() + " is already kept (a redelivery)");
        }
        Verification kept = new Verification(verification.buildEventId(), verification.check(),
                verification.outcome(), verification.summary(), verification.eventId(), verification.occurredAt());
        Rollout pending = record.pending();
        boolean lastGate = pending != null && pending.buildEventId().equals(verification.buildEventId())
                && (!properties.requiresApproval() || properties.approvalAtSwap())
                && unverified(pending.buildEventId(), record.toBuilder().verified(kept).build()).isEmpty();
        if (!lastGate) {
            return new Intent.Verified(kept, null);
        }
        Optional<Intent> busy = RolloutPlanner.busy(record, now);
        return busy.orElseGet(() -> new Intent.Verified(kept, started(pending, record, null, now)));
    }

    Intent plan(PromotionApproved approval, Service service, Instant now) {
        Optional<String> stale = RolloutPlanner.tooOld(approval, properties.maxCommandAge(), now);
        if (stale.isPresent()) {
            return new Intent.Skip("the approval expired: " + stale.get() + "; approve again", approval.deploymentId());
        }
        Optional<ReleaseRecord> found = RolloutPlanner.recordOf(service, approval.service());
        if (found.isEmpty()) {
            return new Intent.Skip(rollouts.whyNoRecord(service, approval.service()), approval.deploymentId());
        }
        ReleaseRecord record = found.get();
        if (answered(record, approval)) {
            return new Intent.Ignore("approval " + approval.eventId() + " is already taken (a redelivery)");
        }
        Rollout pending = record.pending();
        Rollout running = record.rollout();
        if (properties.approvalAtSwap() && running != null && running.deploymentId().equals(approval.deploymentId())
                && running.approval() == null) {
            return approver(approval).<Intent>map(why -> new Intent.Skip(why, approval.deploymentId()))
                    .orElseGet(() -> new Intent.Approve(running.withApproval(new Rollout.Approval(approval.eventId(),
                            approval.approvedBy(), now))));
        }
        if (pending == null || !pending.deploymentId().equals(approval.deploymentId())) {
            return new Intent.Skip(environment + " has no promotion of " + approval.deploymentId()
                    + " waiting for approval" + (pending == null ? "" : " (" + pending.deploymentId() + " waits)"),
                    approval.deploymentId());
        }
        Optional<String> refused = approver(approval);
        if (refused.isPresent()) {
            return new Intent.Skip(refused.get(), approval.deploymentId());
        }
        List<String> unverified = unverified(pending.buildEventId(), record);
        if (!unverified.isEmpty()) {
            return new Intent.Skip(approval.deploymentId() + " waits for " + String.join(", ", unverified)
                    + " before an approval counts; approve again once it passed", approval.deploymentId());
        }
        Optional<Intent> busy = RolloutPlanner.busy(record, now);
        if (busy.isPresent()) {
            return busy.get();
        }
        return new Intent.Start(started(pending, record,
                new Rollout.Approval(approval.eventId(), approval.approvedBy(), now), now), record.rollout());
    }

    /** Why the approver may not approve here, if they may not. */
    private Optional<String> approver(PromotionApproved approval) {
        return !properties.approvers().isEmpty() && !properties.approvers().contains(approval.approvedBy())
                ? Optional.of(approval.approvedBy() + " may not approve in " + environment
                        + " (switchback.deployer.approvers)") : Optional.empty();
    }

    /** The required verifications a build has not passed (not reported, or failed at its latest report). */
    private List<String> unverified(String buildEventId, ReleaseRecord record) {
        List<String> missing = new ArrayList<>();
        for (String check : properties.verifications()) {
            Optional<Verification> latest = record.verifications().stream()
                    .filter(v -> v.buildEventId().equals(buildEventId) && v.check().equals(check)).findFirst();
            if (latest.isEmpty()) {
                missing.add("verification " + check);
            } else if (latest.get().outcome() != VerificationOutcome.PASSED) {
                missing.add("verification " + check + " (failed" + (latest.get().summary() == null ? ""
                        : ": " + latest.get().summary()) + ")");
            }
        }
        return missing;
    }

    /** Stable per environment and build: the id the build would have had here, whatever promoted it. */
    String deploymentId(DeploymentStable stable) {
        return rollouts.idOf(stable.service(), environment + "/"
                + Objects.requireNonNullElse(stable.buildEventId(), stable.deploymentId()));
    }

    private Rollout started(Rollout candidate, ReleaseRecord record, Rollout.Approval approval, Instant now) {
        return new Rollout(candidate.deploymentId(), candidate.image(), candidate.commit(), candidate.buildEventId(),
                candidate.buildOrder(), record.liveColor().other(), now, now.plus(properties.progressDeadline()), null,
                approval);
    }

    private static boolean taken(ReleaseRecord record, String deploymentId) {
        return deploymentId.equals(record.deploymentId())
                || record.rollout() != null && deploymentId.equals(record.rollout().deploymentId())
                || record.pending() != null && deploymentId.equals(record.pending().deploymentId());
    }

    /** Whether the rollout in progress, or the live release, is the one this approval let go. */
    private static boolean answered(ReleaseRecord record, PromotionApproved approval) {
        return approvedBy(record.rollout(), approval) || approvedBy(record.lastFailed(), approval)
                || record.liveRelease().map(r -> approvedBy(r, approval)).orElse(false);
    }

    private static boolean approvedBy(Rollout rollout, PromotionApproved approval) {
        return rollout != null && rollout.approval() != null
                && rollout.approval().commandId().equals(approval.eventId());
    }
}
