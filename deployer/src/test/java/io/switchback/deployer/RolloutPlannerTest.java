package io.switchback.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.switchback.cluster.Phase;
import io.switchback.cluster.RecordLock;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.RollbackClaim;
import io.switchback.cluster.Rollout;
import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildConclusion;
import io.switchback.events.BuildOrder;
import io.switchback.events.Color;
import io.switchback.events.DeploymentRetryRequested;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutPlannerTest {

    private static final Instant NOW = Fixtures.T0.plusSeconds(5);
    private final RolloutPlanner planner = new RolloutPlanner("staging", Fixtures.PROPERTIES);
    private final BuildCompleted build = Fixtures.build(Fixtures.NEXT, "main", BuildConclusion.SUCCESS);

    @Test
    void aSuccessfulBuildOfMainRollsOutToTheIdleColour() {
        Intent intent = planner.plan(build, Fixtures.service("blue", true), NOW);

        assertThat(intent).isInstanceOfSatisfying(Intent.Start.class, start -> {
            Rollout rollout = start.rollout();
            assertThat(rollout.color()).isEqualTo(Color.GREEN);
            assertThat(rollout.deploymentId()).matches("checkout-staging-[0-9a-f]{10}").isEqualTo(planner.deploymentId(build));
            assertThat(rollout.image()).isEqualTo(Fixtures.NEXT);
            assertThat(rollout.buildOrder()).isEqualTo(new BuildOrder(100, 1));
            assertThat(rollout.deadline()).isEqualTo(NOW.plusSeconds(120));
            assertThat(start.supersedes()).isNull();
        });
    }

    @Test
    void theDeploymentIdIsStablePerBuildAndEnvironment() {
        assertThat(planner.deploymentId(build)).isEqualTo(new RolloutPlanner("staging", Fixtures.PROPERTIES).deploymentId(build));
        assertThat(planner.deploymentId(build))
                .isNotEqualTo(new RolloutPlanner("production", Fixtures.PROPERTIES).deploymentId(build));
        assertThat(planner.deploymentId(build))
                .isNotEqualTo(planner.deploymentId(Fixtures.build(Fixtures.GOOD, "main", BuildConclusion.SUCCESS)));
    }

    @Test
    void whatIsNotForThisEnvironmentIsIgnoredQuietly() {
        assertIgnored(planner.plan(Fixtures.build(Fixtures.NEXT, "main", BuildConclusion.FAILURE), null, NOW),
                "the build concluded failure");
        assertIgnored(planner.plan(Fixtures.build(Fixtures.NEXT, "feature/x", BuildConclusion.SUCCESS), null, NOW),
                "branch feature/x does not deploy to staging");
    }

    @Test
    void aBuildThatCannotDeployIsAnsweredWithTheReason() {
        assertSkip(planner.plan(build, null, NOW), "no Service checkout in staging");
        assertSkip(planner.plan(build, Fixtures.service("blue", false), NOW), "is not annotated switchback.io/managed");
        Service noColour = new ServiceBuilder(Fixtures.service("blue", true)).editSpec()
                .withSelector(Map.of("app", "checkout")).endSpec().build();
        assertSkip(planner.plan(build, noColour, NOW), "selects no blue or green colour");
        ReleaseRecord live = Fixtures.record("blue").toBuilder()
                .live("d-1", Color.BLUE, Fixtures.NEXT, Fixtures.T0, Phase.STABLE, null).build();
        assertSkip(planner.plan(build, Fixtures.service(live), NOW), "image registry.example/checkout:1.5.0 is already live");
    }

    @Test
    void anOlderBuildOrAReplayNeverDeploys() {
        ReleaseRecord taken = Fixtures.record("green").toBuilder().buildOrder(new BuildOrder(100, 2)).build();
        BuildCompleted older = Fixtures.build("registry.example/checkout:1.3.0", "main", BuildConclusion.SUCCESS, 99, Fixtures.T0);
        BuildCompleted replay = Fixtures.build("registry.example/checkout:1.6.0", "main", BuildConclusion.SUCCESS, 100, Fixtures.T0);
        BuildCompleted rerun = new BuildCompleted("b-rerun", Fixtures.T0, "checkout", "registry.example/checkout:1.6.0",
                "7f3a9c1", "main", null, 100, BuildConclusion.SUCCESS, 3);

        assertSkip(planner.plan(older, Fixtures.service(taken), NOW),
                "build of run 99 attempt 1 is not newer than run 100 attempt 2, already taken");
        assertSkip(planner.plan(replay, Fixtures.service(taken), NOW), "is not newer than run 100 attempt 2");
        assertThat(planner.plan(rerun, Fixtures.service(taken), NOW)).as("a re-run is newer").isInstanceOf(Intent.Start.class);
    }

    @Test
    void theSameBuildEventAgainIsARedeliveryNotANewRelease() {
        String id = planner.deploymentId(build);
        ReleaseRecord live = Fixtures.record("green").toBuilder()
                .live(id, Color.GREEN, Fixtures.NEXT, Fixtures.T0, Phase.SOAKING, NOW).buildOrder(build.order()).build();
        ReleaseRecord rollingOut = Fixtures.record("blue").toBuilder().rollout(rollout(id)).buildOrder(build.order()).build();

        assertIgnored(planner.plan(build, Fixtures.service(live), NOW), "is already taken (a redelivery)");
        assertIgnored(planner.plan(build, Fixtures.service(rollingOut), NOW), "is already taken (a redelivery)");
    }

    @Test
    void aBuildTooOldIsNotDeployed() {
        BuildCompleted old = Fixtures.build(Fixtures.NEXT, "main", BuildConclusion.SUCCESS, 100, NOW.minusSeconds(3601));

        assertSkip(planner.plan(old, Fixtures.service("blue", true), NOW), "more than 1 h ago (switchback.deployer.max-build-age)");
    }

    @Test
    void aNewerBuildSupersedesTheRolloutInProgress() {
        Rollout inProgress = rollout("checkout-staging-0000000001");
        ReleaseRecord record = Fixtures.record("blue").toBuilder().rollout(inProgress).buildOrder(new BuildOrder(99, 1)).build();

        assertThat(planner.plan(build, Fixtures.service(record), NOW)).isInstanceOfSatisfying(Intent.Start.class,
                start -> assertThat(start.supersedes()).isEqualTo(inProgress));
    }

    @Test
    void aRollbackPreparingOrALockMakesItWait() {
        ReleaseRecord claimed = Fixtures.record("blue").toBuilder().rollback(new RollbackClaim("rb-1", "d-1",
                Color.BLUE, Color.GREEN, null, null, NOW, NOW)).build();
        ReleaseRecord locked = Fixtures.record("blue").toBuilder()
                .lock(new RecordLock("deployer/a", NOW.plusSeconds(1))).build();
        ReleaseRecord expired = Fixtures.record("blue").toBuilder()
                .lock(new RecordLock("deployer/a", NOW)).build();

        assertThat(planner.plan(build, Fixtures.service(claimed), NOW)).isInstanceOfSatisfying(Intent.Wait.class,
                w -> assertThat(w.reason()).contains("rollback rb-1 is in progress"));
        assertThat(planner.plan(build, Fixtures.service(locked), NOW)).isInstanceOf(Intent.Wait.class);
        assertThat(planner.plan(build, Fixtures.service(expired), NOW)).isInstanceOf(Intent.Start.class);
    }

    @Test
    void aRetryRunsTheLastFailedRolloutAgainUnderANewId() {
        Rollout failed = rollout("checkout-staging-00000000aa");
        ReleaseRecord record = Fixtures.record("blue").toBuilder().lastFailed(failed).buildOrder(failed.buildOrder()).build();
        DeploymentRetryRequested retry = retry(failed.deploymentId(), NOW);

        assertThat(planner.plan(retry, Fixtures.service(record), NOW)).isInstanceOfSatisfying(Intent.Start.class, start -> {
            assertThat(start.rollout().deploymentId()).isNotEqualTo(failed.deploymentId()).startsWith("checkout-staging-");
            assertThat(start.rollout().image()).isEqualTo(failed.image());
            assertThat(start.rollout().buildEventId()).isEqualTo(failed.buildEventId());
            assertThat(start.rollout().retryCommandId()).isEqualTo(retry.eventId());
            assertThat(start.rollout().color()).isEqualTo(Color.GREEN);
        });
    }

    @Test
    void aRetryWithNothingToRetryIsAnswered() {
        Rollout failed = rollout("checkout-staging-00000000aa");
        ReleaseRecord record = Fixtures.record("blue").toBuilder().lastFailed(failed).buildOrder(failed.buildOrder()).build();

        assertSkip(planner.plan(retry("other", NOW), Fixtures.service(record), NOW),
                "deployment other is not the last failed rollout of checkout (that is checkout-staging-00000000aa)");
        assertSkip(planner.plan(retry("other", NOW), Fixtures.service("blue", true), NOW), "none failed since the last switch");
        assertSkip(planner.plan(retry(failed.deploymentId(), NOW), Fixtures.service(record.toBuilder()
                .rollout(rollout("checkout-staging-00000000bb")).build()), NOW), "is in progress");
        assertSkip(planner.plan(retry(failed.deploymentId(), NOW), Fixtures.service(record.toBuilder()
                .buildOrder(new BuildOrder(101, 1)).build()), NOW), "a newer build was taken since");
        assertSkip(planner.plan(retry(failed.deploymentId(), NOW.minusSeconds(601)), Fixtures.service(record), NOW),
                "more than 10 min ago (switchback.deployer.max-command-age)");
    }

    private static DeploymentRetryRequested retry(String deploymentId, Instant at) {
        return new DeploymentRetryRequested("retry-" + at.toEpochMilli(), at, "staging", "checkout", deploymentId,
                "octocat", null);
    }

    private static Rollout rollout(String id) {
        return new Rollout(id, Fixtures.NEXT, "7f3a9c1", "b-1", new BuildOrder(100, 1), Color.GREEN, Fixtures.T0,
                Fixtures.T0.plusSeconds(120), null);
    }

    private static void assertSkip(Intent intent, String reason) {
        assertThat(intent).isInstanceOfSatisfying(Intent.Skip.class, s -> assertThat(s.reason()).contains(reason));
    }

    private static void assertIgnored(Intent intent, String reason) {
        assertThat(intent).isInstanceOfSatisfying(Intent.Ignore.class, s -> assertThat(s.reason()).contains(reason));
    }
}
