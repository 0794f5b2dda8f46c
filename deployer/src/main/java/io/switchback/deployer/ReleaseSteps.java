package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.switchback.cluster.BlueGreen;
import io.switchback.cluster.ColourDeployment;
import io.switchback.cluster.DeploymentReadiness;
import io.switchback.cluster.FollowersReady;
import io.switchback.cluster.Phase;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.Rollout;
import io.switchback.events.DeploymentStage;
import io.switchback.events.HookRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the deployer does next for a Service, from its release record and both colours' Deployments as they
 * are now. Pure: a restarted deployer, or another replica, reads the same cluster and takes the same step,
 * which is how a rollout survives the death of the instance that began it. The live colour is never
 * changed here; the idle colour is written only while the deployer holds the Service's lock.
 */
final class ReleaseSteps {

    private ReleaseSteps() {
    }

    /**
     * @param live   the Deployment of the colour the Service selects, or null
     * @param idle   the Deployment of the other colour, or null
     * @param holder this deployer instance's lock name
     */
    static Step next(String service, ReleaseRecord record, Deployment live, Deployment idle, Instant now,
            String holder, Duration trafficDrain) {
        return next(service, record, live, idle, now, holder, Policy.of(trafficDrain), new HookState.None());
    }

    /**
     * @param policy how this environment rolls out: the traffic drain, the cluster it switches after, its canary
     * @param hook   where the rollout's pre-swap hook stands (None without a rollout)
     */
    static Step next(String service, ReleaseRecord record, Deployment live, Deployment idle, Instant now,
            String holder, Policy policy, HookState hook) {
        if (record.rollback() != null) {
            return new Step.Wait("rollback " + record.rollback().rollbackId() + " is preparing the previous colour");
        }
        if (record.lockedAgainst(holder, now)) {
            return new Step.Wait("the Service is locked by " + record.lock().holder());
        }
        if (record.rollout() != null) {
            return rolloutStep(service, record, live, idle, now, policy, hook);
        }
        boolean soakEnded = record.soaking() && record.rollbackWindowEndsAt() != null
                && !now.isBefore(record.rollbackWindowEndsAt());
        if (soakEnded && record.deploymentId().equals(record.soakPassed())) {
            return new Step.EndSoak();
        }
        if (idle != null && BlueGreen.replicasOf(idle) > 0 && !keptWarm(record, idle)) {
            return new Step.ScaleDownIdle(idle, holdsPrevious(record, idle)
                    ? "the previous release passed its soak" : "it runs no release a rollback could return to");
        }
        if (soakEnded) {
            return new Step.HoldSoak(record.deploymentId() + "'s rollback window ended at "
                    + record.rollbackWindowEndsAt() + ", and this cluster's health monitor has not passed its soak"
                    + " (health.soak-passed): it stays soaking, the previous colour warm");
        }
        return new Step.Idle();
    }

    /** The cluster of the environment that switches a release first, and how long past the deadline to wait. */
    record Lead(String cluster, Duration timeout) {
    }

    /** The clusters that must report a release ready before this one switches, and how long past the deadline. */
    record Followers(List<String> clusters, Duration timeout) {
    }

    /**
     * How the environment rolls out.
     *
     * @param trafficDrain how long the colour traffic left is left alone before a rollout replaces its pods
     * @param lead         the cluster this one switches after, or null
     * @param canary       the canary before the swap, or null (or 0 replicas) for none
     * @param approvalAtSwap whether a rollout's swap, after its canary, waits for its approval
     * @param followers    the clusters that must report a release ready before this one switches, or null
     */
    record Policy(Duration trafficDrain, Lead lead, DeployerProperties.Canary canary, boolean approvalAtSwap,
            Followers followers) {

        Policy(Duration trafficDrain, Lead lead, DeployerProperties.Canary canary) {
            this(trafficDrain, lead, canary, false, null);
        }

        static Policy of(Duration trafficDrain) {
            return new Policy(trafficDrain, null, null);
        }

        /** How long past its deadline a ready rollout may wait for other clusters: the longer of the two waits. */
        Duration clusterWait() {
            Duration lead = this.lead == null ? Duration.ZERO : this.lead.timeout();
            Duration followers = this.followers == null ? Duration.ZERO : this.followers.timeout();
            return lead.compareTo(followers) > 0 ? lead : followers;
        }

        boolean wantsCanary(Rollout rollout) {
            return canary != null && canary.enabled() && !rollout.canaryRunning();
        }

        /** When the rollout's canary stops being judged alone and its colour is scaled up; empty without one. */
        Optional<Instant> canaryEnds(Rollout rollout) {
            return rollout.canaryRunning() ? Optional.of(rollout.canary().endsAt()) : Optional.empty();
        }
    }

    private static Step rolloutStep(String service, ReleaseRecord record, Deployment live, Deployment idle,
            Instant now, Policy policy, HookState hook) {
        Rollout rollout = record.rollout();
        Lead lead = policy.lead();
        Optional<Step> refused = refused(record, rollout, lead);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Instant> canaryEnds = policy.canaryEnds(rollout);
        if (canaryEnds.isPresent() && now.isBefore(canaryEnds.get())) {
            return new Step.AwaitCanary(rollout, canaryEnds.get());
        }
        if (canaryEnds.isPresent() && !rollout.canary().passed()) {
            return new Step.AwaitCanaryVerdict(rollout, canaryEnds.get());
        }
        if (canaryEnds.isPresent() && policy.approvalAtSwap() && rollout.approval() == null) {
            return new Step.AwaitApproval(rollout);
        }
        // the scale-up runs from the canary's end, or from an approval given after it
        canaryEnds = canaryEnds.map(end -> rollout.approval() != null && rollout.approval().at() != null
                && rollout.approval().at().isAfter(end) ? rollout.approval().at() : end);
        boolean wantsCanary = policy.wantsCanary(rollout);
        boolean applied = idle != null && rollout.deploymentId().equals(BlueGreen.deploymentIdOf(idle));
        boolean readyNow = applied && ready(idle);
        Optional<Step> hookStep = readyNow ? hookStep(rollout, idle, hook, now) : Optional.empty();
        if (hookStep.isPresent()) {
            return hookStep.get();
        }
        // a hook that succeeded may have taken longer than the progress deadline: it has its own; after a canary,
        // the scale-up has the progress deadline again
        HookRun hooked = hook instanceof HookState.Finished f && f.succeeded() ? f.run() : null;
        Instant readyBy = hooked != null && hooked.finishedAt().isAfter(rollout.deadline()) ? hooked.finishedAt()
                : rollout.deadline();
        Instant deadline = canaryEnds.map(end -> end.plus(Duration.between(rollout.startedAt(), rollout.deadline())))
                .orElse(rollout.deadline());
        readyBy = readyBy.isAfter(deadline) ? readyBy : deadline;
        Optional<Step> waiting = readyNow && !wantsCanary ? clusterWait(record, idle, now, policy, readyBy)
                : Optional.empty();
        if (waiting.isPresent()) {
            return waiting.get();
        }
        if (readyNow) {
            // a ready rollout that waited for other clusters may switch as soon as they did, within their timeout
            Instant waitedUntil = readyBy.plus(policy.clusterWait());
            deadline = waitedUntil.isAfter(deadline) ? waitedUntil : deadline;
        }
        if (!now.isBefore(deadline) && !(readyNow && hooked != null)) {
            DeploymentStage stage = !applied ? DeploymentStage.ROLLOUT
                    : ready(idle) ? DeploymentStage.PRE_SWITCH_CHECKS : DeploymentStage.READINESS;
            return new Step.Fail(rollout, stage, (applied ? DeploymentReadiness.progress(idle) : "not rolled out")
                    + " after the " + Duration.between(rollout.startedAt(), rollout.deadline()).toSeconds()
                    + "s progress deadline" + (canaryEnds.isPresent() ? " from the canary's end" : ""), true);
        }
        return toward(service, record, live, idle, now, policy, hooked);
    }

    /** A ready rollout waits for the other clusters of its environment: its lead's switch, its followers' readiness. */
    private static Optional<Step> clusterWait(ReleaseRecord record, Deployment idle, Instant now, Policy policy,
            Instant readyBy) {
        Rollout rollout = record.rollout();
        Lead lead = policy.lead();
        boolean awaitingLead = lead != null && !rollout.deploymentId().equals(record.leadSwitched());
        if (awaitingLead) {
            Instant until = readyBy.plus(lead.timeout());
            return Optional.of(now.isBefore(until)
                    ? new Step.AwaitCluster(rollout, idle, List.of(lead.cluster()), "ready in this cluster; it switches"
                            + " only after " + lead.cluster() + " has switched to it", until)
                    : new Step.Fail(rollout, DeploymentStage.TRAFFIC_SWITCH, lead.cluster() + " did not switch to "
                            + rollout.deploymentId() + " within " + lead.timeout().toSeconds()
                            + "s of the progress deadline; this cluster switches only after it", true));
        }
        List<String> unready = policy.followers() == null ? List.of()
                : FollowersReady.missing(record.followersReady(), rollout.deploymentId(), policy.followers().clusters());
        if (!unready.isEmpty()) {
            Instant until = readyBy.plus(policy.followers().timeout());
            String clusters = String.join(", ", unready);
            return Optional.of(now.isBefore(until)
                    ? new Step.AwaitCluster(rollout, idle, unready, "ready in this cluster; " + clusters + " has not"
                            + " reported ready yet, and no region switches before it does", until)
                    : new Step.Fail(rollout, DeploymentStage.TRAFFIC_SWITCH, clusters + " did not report "
                            + rollout.deploymentId() + " ready within " + policy.followers().timeout().toSeconds()
                            + "s of the progress deadline; no region switches to it", true));
        }
        return Optional.empty();
    }

    /** Why this cluster will not go on with the rollout at all, if it will not. */
    private static Optional<Step> refused(ReleaseRecord record, Rollout rollout, Lead lead) {
        if (rollout.color() == record.liveColor()) {
            return Optional.of(new Step.Fail(rollout, DeploymentStage.TRAFFIC_SWITCH, "the Service was pointed at "
                    + rollout.color().wire() + " outside Switchback during the rollout", false));
        }
        if (lead != null && rollout.deploymentId().equals(record.leadRolledBack())) {
            return Optional.of(new Step.Fail(rollout, DeploymentStage.TRAFFIC_SWITCH, lead.cluster() + " rolled "
                    + rollout.deploymentId() + " back; this cluster does not switch to it", true));
        }
        return Optional.empty();
    }

    /** The next step toward the switch: the idle colour as the rollout needs it, ready, then the canary or the switch. */
    private static Step toward(String service, ReleaseRecord record, Deployment live, Deployment idle, Instant now,
            Policy policy, HookRun hooked) {
        Rollout rollout = record.rollout();
        if (live == null) {
            return new Step.Fail(rollout, DeploymentStage.ROLLOUT, "the live Deployment "
                    + BlueGreen.deploymentName(service, record.liveColor()) + " does not exist", true);
        }
        boolean wantsCanary = policy.wantsCanary(rollout);
        Deployment desired = ColourDeployment.desired(live, service, rollout.color(), rollout.image(),
                rollout.deploymentId(), wantsCanary ? policy.canary().replicas() : live.getSpec().getReplicas());
        if (!ColourDeployment.matches(idle, desired)) {
            Instant drained = record.switchedAt() == null ? now : record.switchedAt().plus(policy.trafficDrain());
            return now.isBefore(drained) ? new Step.Wait("traffic left " + rollout.color().wire() + " at "
                    + record.switchedAt() + "; its pods are replaced from " + drained)
                    : new Step.Apply(rollout, desired);
        }
        if (!ready(idle)) {
            return new Step.AwaitReady(rollout);
        }
        return wantsCanary ? new Step.StartCanary(rollout, idle) : new Step.CheckAndSwitch(rollout, idle, hooked);
    }

    /** Before the switch, the service's pre-swap hook: started once the idle colour is ready, awaited, and obeyed. */
    private static Optional<Step> hookStep(Rollout rollout, Deployment ready, HookState hook, Instant now) {
        if (hook instanceof HookState.Finished finished && !finished.succeeded()) {
            return Optional.of(hookFailed(rollout, finished.run()));
        }
        if (hook instanceof HookState.Running running) {
            return Optional.of(new Step.AwaitHook(rollout, running.job(), running.deadline()));
        }
        if (hook instanceof HookState.NotStarted notStarted && now.isBefore(rollout.deadline())) {
            return Optional.of(new Step.StartHook(rollout, ready, notStarted.template()));
        }
        return Optional.empty();
    }

    /** The rollout fails at its pre-swap hook: no swap, the idle colour scaled down. */
    static Step.Fail hookFailed(Rollout rollout, HookRun run) {
        return new Step.Fail(rollout, DeploymentStage.PRE_SWAP_HOOK, "the pre-swap hook job " + run.job() + " "
                + run.outcome().wire() + ": " + run.reason() + "; no swap", true, run);
    }

    /**
     * The idle colour stays as it is while it runs the release a rollback returns to and that release may
     * still be needed: during the live release's soak, and after a rollback (the bad release kept for
     * inspection); and before Switchback's first rollout it is the team's, not ours.
     */
    static boolean keptWarm(ReleaseRecord record, Deployment idle) {
        if (record.lastFailed() != null
                && Objects.equals(BlueGreen.deploymentIdOf(idle), record.lastFailed().deploymentId())) {
            // a failed rollout's pods (a canary removed on a breach) serve nothing a rollback could return to
            return false;
        }
        if (record.deploymentId() == null && record.phase() == null) {
            return true;
        }
        return holdsPrevious(record, idle) && record.phase() != Phase.STABLE;
    }

    /** Whether a Deployment runs the record's previous release. */
    static boolean holdsPrevious(ReleaseRecord record, Deployment deployment) {
        return record.previousImage() != null
                && Objects.equals(BlueGreen.deploymentIdOf(deployment), record.previousDeploymentId())
                && record.previousImage().equals(BlueGreen.imageOf(deployment));
    }

    private static boolean ready(Deployment deployment) {
        return DeploymentReadiness.isReady(deployment) && BlueGreen.replicasOf(deployment) > 0;
    }
}
