package io.switchback.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.switchback.cluster.BlueGreen;
import io.switchback.cluster.ColourDeployment;
import io.switchback.cluster.FollowersReady;
import io.switchback.cluster.Phase;
import io.switchback.cluster.RecordLock;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.RollbackClaim;
import io.switchback.cluster.Rollout;
import io.switchback.events.BuildOrder;
import io.switchback.events.Color;
import io.switchback.events.DeploymentStage;
import io.switchback.events.HookOutcome;
import io.switchback.events.HookRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseStepsTest {

    private static final Instant NOW = Fixtures.T0.plusSeconds(10);
    private static final String ME = "deployer/me";
    private static final Rollout ROLLOUT = new Rollout("d-2", Fixtures.NEXT, "7f3a9c1", "b-2", new BuildOrder(2, 1),
            Color.GREEN, Fixtures.T0, Fixtures.T0.plusSeconds(120), null);
    private static final HookState NO_HOOK = new HookState.None();
    private final Deployment liveBlue = Fixtures.deployment("blue", Fixtures.GOOD, 2);

    @Test
    void aRolloutPutsItsTemplateOnTheIdleColourWaitsForItThenSwitches() {
        ReleaseRecord record = Fixtures.record("blue").toBuilder().rollout(ROLLOUT).build();

        Step first = ReleaseSteps.next("checkout", record, liveBlue, null, NOW, ME, Duration.ZERO);
        assertThat(first).isInstanceOfSatisfying(Step.Apply.class, apply -> {
            assertThat(apply.desired().getMetadata().getName()).isEqualTo("checkout-green");
            assertThat(BlueGreen.deploymentIdOf(apply.desired())).isEqualTo("d-2");
        });
        Deployment applied = ((Step.Apply) first).desired();
        assertThat(ReleaseSteps.next("checkout", record, liveBlue, applied, NOW, ME, Duration.ZERO)).isInstanceOf(Step.AwaitReady.class);
        assertThat(ReleaseSteps.next("checkout", record, liveBlue, ready(applied), NOW, ME, Duration.ZERO))
                .isInstanceOf(Step.CheckAndSwitch.class);
        Deployment otherRelease = Fixtures.deployment("green", "registry.example/checkout:1.3.0", 2);
        assertThat(ReleaseSteps.next("checkout", record, liveBlue, ready(otherRelease), NOW, ME, Duration.ZERO))
                .as("what runs there now is replaced").isInstanceOf(Step.Apply.class);
    }

    @Test
    void aPreSwapHookStartsOnceTheIdleColourIsReadyAndOnlyItsSuccessLetsTheSwitchHappen() {
        ReleaseRecord record = Fixtures.record("blue").toBuilder().rollout(ROLLOUT).build();
        Deployment applied = ((Step.Apply) ReleaseSteps.next("checkout", record, liveBlue, null, NOW, ME,
                Duration.ZERO)).desired();
        Instant started = NOW;
        HookRun succeeded = new HookRun("checkout-pre-swap-1", started, NOW.plusSeconds(200), HookOutcome.SUCCEEDED, null);
        HookRun failed = new HookRun("checkout-pre-swap-1", started, NOW.plusSeconds(20), HookOutcome.FAILED,
                "BackoffLimitExceeded: Job has reached the specified backoff limit");

        assertThat(ReleaseSteps.next("checkout", record, liveBlue, applied, NOW, ME, ReleaseSteps.Policy.of(Duration.ZERO),
                new HookState.NotStarted("kind: Job"))).as("not before the colour is ready").isInstanceOf(Step.AwaitReady.class);
        assertThat(ReleaseSteps.next("checkout", record, liveBlue, ready(applied), NOW, ME, ReleaseSteps.Policy.of(Duration.ZERO),
                new HookState.NotStarted("kind: Job"))).isInstanceOfSatisfying(Step.StartHook.class,
                        start -> assertThat(start.template()).isEqualTo("kind: Job"));
        assertThat(ReleaseSteps.next("checkout", record, liveBlue, ready(applied), Fixtures.T0.plusSeconds(200), ME,
                ReleaseSteps.Policy.of(Duration.ZERO), new HookState.Running("checkout-pre-swap-1", started, started.plusSeconds(300))))
                .as("a running hook has its own deadline, not the rollout's").isInstanceOf(Step.AwaitHook.class);
        assertThat(ReleaseSteps.next("checkout", record, liveBlue, ready(applied), Fixtures.T0.plusSeconds(210), ME,
                ReleaseSteps.Policy.of(Duration.ZERO), new HookState.Finished(succeeded)))
                .isInstanceOfSatisfying(Step.CheckAndSwitch.class, go -> assertThat(go.hook()).isEqualTo(succeeded));
        assertThat(ReleaseSteps.next("checkout", record, liveBlue, ready(applied), NOW, ME, ReleaseSteps.Policy.of(Duration.ZERO),
                new HookState.Finished(failed))).isInstanceOfSatisfying(Step.Fail.class, fail -> {
                    assertThat(fail.stage()).isEqualTo(DeploymentStage.PRE_SWAP_HOOK);
                    assertThat(fail.reason()).isEqualTo("the pre-swap hook job checkout-pre-swap-1 failed:"
                            + " BackoffLimitExceeded: Job has reached the specified backoff limit; no swap");
                    assertThat(fail.scaleDown()).isTrue();
                    assertThat(fail.hook()).isEqualTo(failed);
                });
        assertThat(ReleaseSteps.next("checkout", record, liveBlue, ready(applied), Fixtures.T0.plusSeconds(130), ME,
                ReleaseSteps.Policy.of(Duration.ZERO), new HookState.NotStarted("kind: Job"))).as("no hook starts past the deadline")
                .isInstanceOfSatisfying(Step.Fail.class, fail -> assertThat(fail.stage())
                        .isEqualTo(DeploymentStage.PRE_SWITCH_CHECKS));
    }

    @Test
    void aCanaryServesItsFewPodsBesideTheLiveColourForItsDurationThenItsColourIsScaledUpAndSwitched() {
        ReleaseSteps.Policy canary = new ReleaseSteps.Policy(Duration.ZERO, null,
                new DeployerProperties.Canary(1, Duration.ofSeconds(60)));
        ReleaseRecord record = Fixtures.record("blue").toBuilder().rollout(ROLLOUT).build();

        Deployment few = ((Step.Apply) ReleaseSteps.next("checkout", record, liveBlue, null, NOW, ME, canary, NO_HOOK))
                .desired();
        assertThat(few.getSpec().getReplicas()).as("the canary's pods, not the live colour's 2").isEqualTo(1);
        assertThat(ReleaseSteps.next("checkout", record, liveBlue, ready(few), NOW, ME, canary, NO_HOOK))
                .isInstanceOf(Step.StartCanary.class);
        assertThat(ReleaseSteps.next("checkout", record, liveBlue, ready(few), NOW, ME,
                new ReleaseSteps.Policy(Duration.ZERO, new ReleaseSteps.Lead("us-central1", Duration.ofSeconds(60)),
                        canary.canary()), NO_HOOK)).as("a failover region's canary does not wait for its lead")
                .isInstanceOf(Step.StartCanary.class);

        ReleaseRecord unjudged = record.toBuilder().rollout(ROLLOUT.withCanary(NOW, NOW.plusSeconds(60))).build();
        assertThat(ReleaseSteps.next("checkout", unjudged, liveBlue, ready(few), NOW.plusSeconds(3600), ME, canary,
                NO_HOOK)).as("never a swap on silence").isInstanceOf(Step.AwaitCanaryVerdict.class);
        ReleaseRecord serving = record.toBuilder().rollout(ROLLOUT.withCanary(NOW, NOW.plusSeconds(60))
                .withCanaryPassed()).build();
        assertThat(ReleaseSteps.next("checkout", serving, liveBlue, ready(few), Fixtures.T0.plusSeconds(69), ME, canary,
                NO_HOOK)).isInstanceOfSatisfying(Step.AwaitCanary.class,
                        wait -> assertThat(wait.endsAt()).isEqualTo(NOW.plusSeconds(60)));
        Deployment full = ((Step.Apply) ReleaseSteps.next("checkout", serving, liveBlue, ready(few),
                NOW.plusSeconds(60), ME, canary, NO_HOOK)).desired();
        assertThat(full.getSpec().getReplicas()).as("scaled up to the live colour's").isEqualTo(2);
        assertThat(ReleaseSteps.next("checkout", serving, liveBlue, ready(full), NOW.plusSeconds(61), ME, canary,
                NO_HOOK)).isInstanceOf(Step.CheckAndSwitch.class);
        assertThat(ReleaseSteps.next("checkout", serving, liveBlue, full, NOW.plusSeconds(60 + 120), ME, canary,
                NO_HOOK)).as("the scale-up has the progress deadline from the canary's end")
                .isInstanceOfSatisfying(Step.Fail.class, fail -> {
                    assertThat(fail.stage()).isEqualTo(DeploymentStage.READINESS);
                    assertThat(fail.reason()).endsWith("after the 120s progress deadline from the canary's end");
                });
        ReleaseSteps.Policy approving = new ReleaseSteps.Policy(Duration.ZERO, null, canary.canary(), true,
                null);
        assertThat(ReleaseSteps.next("checkout", serving, liveBlue, ready(few), NOW.plusSeconds(3600), ME, approving,
                NO_HOOK)).as("the canary serves on until an approval, however long").isInstanceOf(Step.AwaitApproval.class);
        ReleaseRecord approved = record.toBuilder().rollout(ROLLOUT.withCanary(NOW, NOW.plusSeconds(60))
                .withCanaryPassed().withApproval(
                new Rollout.Approval("a-1", "release-manager", NOW.plusSeconds(3600)))).build();
        assertThat(ReleaseSteps.next("checkout", approved, liveBlue, ready(few), NOW.plusSeconds(3601), ME, approving,
                NO_HOOK)).as("the scale-up's deadline runs from the approval").isInstanceOf(Step.Apply.class);
        ReleaseRecord breached = record.toBuilder().rollout(null)
                .lastFailed(ROLLOUT.withCanary(NOW, NOW.plusSeconds(60))).build();
        assertThat(ReleaseSteps.next("checkout", breached, liveBlue, ready(few), NOW.plusSeconds(5), ME, canary,
                NO_HOOK)).as("a removed canary's pods go, even on the team's own first release")
                .isInstanceOf(Step.ScaleDownIdle.class);
    }

    @Test
    void aPrimaryHoldsItsSwitchUntilEveryClusterItSwitchesWithReportedReadyAndFailsPastTheDeadline() {
        ReleaseSteps.Policy primary = new ReleaseSteps.Policy(Duration.ZERO, null, null, false,
                new ReleaseSteps.Followers(List.of("us-east1", "europe-west1"), Duration.ofSeconds(60)));
        ReleaseRecord record = Fixtures.record("blue").toBuilder().rollout(ROLLOUT).build();
        Deployment applied = ready(((Step.Apply) ReleaseSteps.next("checkout", record, liveBlue, null, NOW, ME,
                primary, NO_HOOK)).desired());

        assertThat(ReleaseSteps.next("checkout", record, liveBlue, applied, NOW, ME, primary, NO_HOOK))
                .isInstanceOfSatisfying(Step.AwaitCluster.class, wait -> {
                    assertThat(wait.clusters()).containsExactly("us-east1", "europe-west1");
                    assertThat(wait.reason()).contains("no region switches before");
                    assertThat(wait.deadline()).isEqualTo(Fixtures.T0.plusSeconds(180));
                });
        ReleaseRecord oneReady = record.toBuilder().followersReady(FollowersReady.with(
                FollowersReady.with(null, "d-1", "europe-west1"), "d-2", "us-east1")).build();
        assertThat(ReleaseSteps.next("checkout", oneReady, liveBlue, applied, NOW, ME, primary, NO_HOOK))
                .as("a note about another release does not count").isInstanceOfSatisfying(Step.AwaitCluster.class,
                        wait -> assertThat(wait.clusters()).containsExactly("europe-west1"));
        ReleaseRecord bothReady = oneReady.toBuilder().followersReady(FollowersReady.with(oneReady.followersReady(),
                "d-2", "europe-west1")).build();
        assertThat(ReleaseSteps.next("checkout", bothReady, liveBlue, applied, NOW, ME, primary, NO_HOOK))
                .isInstanceOf(Step.CheckAndSwitch.class);
        assertThat(ReleaseSteps.next("checkout", bothReady, liveBlue, applied, Fixtures.T0.plusSeconds(150), ME,
                primary, NO_HOOK)).as("ready past the progress deadline, within the wait: it switches")
                .isInstanceOf(Step.CheckAndSwitch.class);
        assertThat(ReleaseSteps.next("checkout", oneReady, liveBlue, applied, Fixtures.T0.plusSeconds(180), ME, primary,
                NO_HOOK)).isInstanceOfSatisfying(Step.Fail.class, fail -> {
                    assertThat(fail.stage()).isEqualTo(DeploymentStage.TRAFFIC_SWITCH);
                    assertThat(fail.reason()).isEqualTo("europe-west1 did not report d-2 ready within 60s of the"
                            + " progress deadline; no region switches to it");
                    assertThat(fail.scaleDown()).isTrue();
                });
    }

    @Test
    void aClusterThatSwitchesAfterItsLeadWaitsReadyForItsSwitchAndFailsWhenItNeverComes() {
        ReleaseSteps.Lead lead = new ReleaseSteps.Lead("us-central1", Duration.ofSeconds(60));
        ReleaseRecord record = Fixtures.record("blue").toBuilder().rollout(ROLLOUT).build();
        Deployment applied = ((Step.Apply) ReleaseSteps.next("checkout", record, liveBlue, null, NOW, ME,
                new ReleaseSteps.Policy(Duration.ZERO, lead, null), NO_HOOK)).desired();

        assertThat(ReleaseSteps.next("checkout", record, liveBlue, applied, NOW, ME, new ReleaseSteps.Policy(Duration.ZERO, lead, null), NO_HOOK))
                .as("it gets ready meanwhile").isInstanceOf(Step.AwaitReady.class);
        assertThat(ReleaseSteps.next("checkout", record, liveBlue, ready(applied), NOW, ME, new ReleaseSteps.Policy(Duration.ZERO, lead, null), NO_HOOK))
                .isInstanceOfSatisfying(Step.AwaitCluster.class,
                        wait -> {
                            assertThat(wait.clusters()).containsExactly("us-central1");
                            assertThat(wait.deadline()).isEqualTo(Fixtures.T0.plusSeconds(180));
                        });
        assertThat(ReleaseSteps.next("checkout", record, liveBlue, ready(applied), Fixtures.T0.plusSeconds(150), ME,
                new ReleaseSteps.Policy(Duration.ZERO, lead, null), NO_HOOK)).as("past the progress deadline, within the lead's timeout")
                .isInstanceOf(Step.AwaitCluster.class);
        assertThat(ReleaseSteps.next("checkout", record.toBuilder().leadSwitched("d-1").build(), liveBlue,
                ready(applied), NOW, ME, new ReleaseSteps.Policy(Duration.ZERO, lead, null), NO_HOOK)).as("the lead switched to another release")
                .isInstanceOf(Step.AwaitCluster.class);
        assertThat(ReleaseSteps.next("checkout", record.toBuilder().leadSwitched("d-2").build(), liveBlue,
                ready(applied), NOW, ME, new ReleaseSteps.Policy(Duration.ZERO, lead, null), NO_HOOK)).isInstanceOf(Step.CheckAndSwitch.class);
        assertThat(ReleaseSteps.next("checkout", record.toBuilder().leadSwitched("d-2").leadRolledBack("d-2").build(),
                liveBlue, ready(applied), NOW, ME, new ReleaseSteps.Policy(Duration.ZERO, lead, null), NO_HOOK)).as("switched there, then rolled back")
                .isInstanceOfSatisfying(Step.Fail.class, fail -> assertThat(fail.reason())
                        .isEqualTo("us-central1 rolled d-2 back; this cluster does not switch to it"));
        assertThat(ReleaseSteps.next("checkout", record, liveBlue, ready(applied), Fixtures.T0.plusSeconds(180), ME,
                new ReleaseSteps.Policy(Duration.ZERO, lead, null), NO_HOOK)).isInstanceOfSatisfying(Step.Fail.class, fail -> {
                    assertThat(fail.stage()).isEqualTo(DeploymentStage.TRAFFIC_SWITCH);
                    assertThat(fail.reason()).startsWith("us-central1 did not switch to d-2 within 60s");
                    assertThat(fail.scaleDown()).isTrue();
                });
    }

    @Test
    void theColourTrafficJustLeftIsNotReplacedBeforeItsRequestsDrained() {
        ReleaseRecord justSwitched = Fixtures.record("blue").toBuilder()
                .live("d-1", Color.BLUE, Fixtures.GOOD, NOW.minusSeconds(1), Phase.SOAKING, NOW.plusSeconds(60))
                .rollout(ROLLOUT).build();
        Deployment stillWarm = ready(Fixtures.deployment("green", "registry.example/checkout:1.3.0", 2));

        assertThat(ReleaseSteps.next("checkout", justSwitched, liveBlue, stillWarm, NOW, ME, Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(Step.Wait.class, w -> assertThat(w.why()).contains("its pods are replaced from"));
        assertThat(ReleaseSteps.next("checkout", justSwitched, liveBlue, stillWarm, NOW.plusSeconds(29), ME,
                Duration.ofSeconds(30))).isInstanceOf(Step.Apply.class);
    }

    @Test
    void theDeadlineFailsTheRolloutAtTheStageItReached() {
        ReleaseRecord record = Fixtures.record("blue").toBuilder().rollout(ROLLOUT).build();
        Instant late = ROLLOUT.deadline();
        Deployment applied = ColourDeployment.desired(liveBlue, "checkout", Color.GREEN, Fixtures.NEXT, "d-2");

        assertFail(ReleaseSteps.next("checkout", record, liveBlue, null, late, ME, Duration.ZERO), DeploymentStage.ROLLOUT,
                "not rolled out after the 120s progress deadline", true);
        assertFail(ReleaseSteps.next("checkout", record, liveBlue, applied, late, ME, Duration.ZERO), DeploymentStage.READINESS,
                "0 of 2 pods ready after the 120s progress deadline", true);
        assertFail(ReleaseSteps.next("checkout", record, liveBlue, ready(applied), late, ME, Duration.ZERO),
                DeploymentStage.PRE_SWITCH_CHECKS, "2 of 2 pods ready", true);
        assertFail(ReleaseSteps.next("checkout", record, null, null, NOW, ME, Duration.ZERO), DeploymentStage.ROLLOUT,
                "the live Deployment checkout-blue does not exist", true);
    }

    @Test
    void aColourTheServiceNowSelectsIsNeverScaledDown() {
        ReleaseRecord pointedByAPerson = Fixtures.record("green").toBuilder().rollout(ROLLOUT).build();

        assertFail(ReleaseSteps.next("checkout", pointedByAPerson, Fixtures.deployment("green", Fixtures.NEXT, 2),
                liveBlue, NOW, ME, Duration.ZERO), DeploymentStage.TRAFFIC_SWITCH, "pointed at green outside Switchback", false);
    }

    @Test
    void aRollbackPreparingOrAnotherReplicasLockMeansWait() {
        ReleaseRecord claimed = Fixtures.record("blue").toBuilder().rollout(ROLLOUT)
                .rollback(new RollbackClaim("rb-1", "d-1", Color.BLUE, Color.GREEN, null, null, NOW, NOW)).build();
        ReleaseRecord lockedByOther = Fixtures.record("blue").toBuilder().rollout(ROLLOUT)
                .lock(new RecordLock("deployer/other", NOW.plusSeconds(5))).build();
        ReleaseRecord lockedByMe = Fixtures.record("blue").toBuilder().rollout(ROLLOUT)
                .lock(new RecordLock(ME, NOW.plusSeconds(5))).build();

        assertThat(ReleaseSteps.next("checkout", claimed, liveBlue, null, NOW, ME, Duration.ZERO)).isInstanceOf(Step.Wait.class);
        assertThat(ReleaseSteps.next("checkout", lockedByOther, liveBlue, null, NOW, ME, Duration.ZERO)).isInstanceOf(Step.Wait.class);
        assertThat(ReleaseSteps.next("checkout", lockedByMe, liveBlue, null, NOW, ME, Duration.ZERO)).isInstanceOf(Step.Apply.class);
    }

    @Test
    void aSoakEndsOnlyForTheLiveReleaseOnceItsWindowPassedItsSoakPassedAndNoRolloutRuns() {
        ReleaseRecord soaking = switched(Phase.SOAKING, NOW).toBuilder().soakPassed("d-2").build();

        assertThat(ReleaseSteps.next("checkout", soaking, liveGreen(), liveBlue, NOW, ME, Duration.ZERO)).isInstanceOf(Step.EndSoak.class);
        assertThat(ReleaseSteps.next("checkout", soaking.toBuilder().phase(Phase.SOAKING, NOW.plusMillis(1)).build(),
                liveGreen(), liveBlue, NOW, ME, Duration.ZERO)).as("a pass before the window's end waits for it")
                .isInstanceOf(Step.Idle.class);
        assertThat(ReleaseSteps.next("checkout", soaking.toBuilder().rollout(ROLLOUT.withColor(Color.BLUE)).build(),
                liveGreen(), liveBlue, NOW, ME, Duration.ZERO)).as("a rollout onto the previous colour comes first")
                .isNotInstanceOf(Step.EndSoak.class);
        assertThat(ReleaseSteps.next("checkout", switched(Phase.STABLE, NOW), liveGreen(),
                new DeploymentBuilder(liveBlue).editSpec().withReplicas(0).endSpec().build(), NOW, ME, Duration.ZERO))
                .as("the soak of a stable release has ended already").isInstanceOf(Step.Idle.class);
    }

    @Test
    void aSoakWithoutAPassFromTheHealthMonitorIsHeldWithThePreviousColourWarm() {
        ReleaseRecord silent = switched(Phase.SOAKING, NOW);
        ReleaseRecord passedAnother = silent.toBuilder().soakPassed("d-1").build();

        assertThat(ReleaseSteps.next("checkout", silent, liveGreen(), liveBlue, NOW.plusSeconds(3600), ME, Duration.ZERO))
                .as("silence never ends a soak, however long").isInstanceOfSatisfying(Step.HoldSoak.class,
                        h -> assertThat(h.why()).contains("d-2", "has not passed its soak"));
        assertThat(ReleaseSteps.next("checkout", passedAnother, liveGreen(), liveBlue, NOW, ME, Duration.ZERO))
                .as("a pass of an earlier release is not this one's").isInstanceOf(Step.HoldSoak.class);
        assertThat(ReleaseSteps.next("checkout", silent, liveGreen(),
                Fixtures.deployment("blue", "registry.example/checkout:1.6.0", 2), NOW, ME, Duration.ZERO))
                .as("pods no rollback returns to go first").isInstanceOf(Step.ScaleDownIdle.class);
    }

    @Test
    void theIdleColourIsScaledDownWhenNoRollbackCanReturnToIt() {
        ReleaseRecord stable = switched(Phase.STABLE, NOW);
        Deployment failedRollout = Fixtures.deployment("blue", "registry.example/checkout:1.6.0", 2);

        assertThat(ReleaseSteps.next("checkout", stable, liveGreen(), liveBlue, NOW, ME, Duration.ZERO))
                .isInstanceOfSatisfying(Step.ScaleDownIdle.class, s -> assertThat(s.why()).contains("passed its soak"));
        assertThat(ReleaseSteps.next("checkout", switched(Phase.SOAKING, NOW.plusSeconds(60)), liveGreen(),
                failedRollout, NOW, ME, Duration.ZERO)).isInstanceOfSatisfying(Step.ScaleDownIdle.class,
                        s -> assertThat(s.why()).contains("no release a rollback could return to"));
        assertThat(ReleaseSteps.next("checkout", switched(Phase.SOAKING, NOW.plusSeconds(60)), liveGreen(), liveBlue,
                NOW, ME, Duration.ZERO)).as("warm for a rollback").isInstanceOf(Step.Idle.class);
        assertThat(ReleaseSteps.next("checkout", switched(Phase.ROLLED_BACK, null), liveGreen(), liveBlue, NOW, ME, Duration.ZERO))
                .as("kept for inspection after a rollback").isInstanceOf(Step.Idle.class);
        assertThat(ReleaseSteps.next("checkout", Fixtures.record("blue"), liveBlue,
                Fixtures.deployment("green", Fixtures.NEXT, 2), NOW, ME, Duration.ZERO)).as("the team's own, before our first rollout")
                .isInstanceOf(Step.Idle.class);
    }

    private Deployment liveGreen() {
        return ColourDeployment.desired(liveBlue, "checkout", Color.GREEN, Fixtures.NEXT, "d-2");
    }

    /** d-2 live on green, 1.4.0 (the team's own, no id) the previous release on blue. */
    private static ReleaseRecord switched(Phase phase, Instant windowEnds) {
        return Fixtures.record("green").toBuilder().live("d-2", Color.GREEN, Fixtures.NEXT, Fixtures.T0, phase, windowEnds)
                .previous(Color.BLUE, Fixtures.GOOD, null).build();
    }

    private static Deployment ready(Deployment deployment) {
        int replicas = BlueGreen.replicasOf(deployment);
        return new DeploymentBuilder(deployment).editMetadata().withGeneration(1L).endMetadata().withNewStatus()
                .withObservedGeneration(1L).withReplicas(replicas).withUpdatedReplicas(replicas)
                .withReadyReplicas(replicas).withAvailableReplicas(replicas).endStatus().build();
    }

    private static void assertFail(Step step, DeploymentStage stage, String reason, boolean scaleDown) {
        assertThat(step).isInstanceOfSatisfying(Step.Fail.class, fail -> {
            assertThat(fail.stage()).isEqualTo(stage);
            assertThat(fail.reason()).contains(reason);
            assertThat(fail.scaleDown()).isEqualTo(scaleDown);
        });
    }
}
