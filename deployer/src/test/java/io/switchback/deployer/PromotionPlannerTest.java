package io.switchback.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchback.cluster.Phase;
import io.switchback.cluster.RollbackClaim;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.Rollout;
import io.switchback.cluster.Verification;
import io.switchback.events.BuildOrder;
import io.switchback.events.Color;
import io.switchback.events.DeploymentStable;
import io.switchback.events.PromotionApproved;
import io.switchback.events.VerificationOutcome;
import io.switchback.events.VerificationRecorded;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionPlannerTest {

    private static final Instant NOW = Fixtures.T0.plusSeconds(5);
    private final PromotionPlanner production = planner("production", Fixtures.PRODUCTION);
    private final DeploymentStable stable = stable("b-101", 101, Fixtures.NEXT, NOW);

    @Test
    void aReleaseStableUpstreamWaitsForApprovalWithTheSameImageAndBuild() {
        Intent intent = production.plan(stable, Fixtures.service("blue", true), NOW);

        assertThat(intent).isInstanceOfSatisfying(Intent.Hold.class, hold -> {
            Rollout candidate = hold.candidate();
            assertThat(candidate.deploymentId()).matches("checkout-production-[0-9a-f]{10}")
                    .isEqualTo(production.deploymentId(stable));
            assertThat(candidate.image()).as("never rebuilt").isEqualTo(stable.image());
            assertThat(candidate.commit()).isEqualTo(stable.commit());
            assertThat(candidate.buildEventId()).isEqualTo("b-101");
            assertThat(candidate.buildOrder()).isEqualTo(new BuildOrder(101, 1));
            assertThat(hold.upstreamEnvironment()).isEqualTo("staging");
            assertThat(hold.upstreamDeploymentId()).isEqualTo(stable.deploymentId());
            assertThat(hold.supersedes()).isNull();
        });
    }

    @Test
    void withoutApprovalRequiredAPromotionRollsOutAtOnce() {
        PromotionPlanner unattended = planner("production",
                Fixtures.properties(List.of(), "staging", false, List.of()));

        assertThat(unattended.plan(stable, Fixtures.service("blue", true), NOW)).isInstanceOfSatisfying(
                Intent.Start.class, start -> {
                    assertThat(start.rollout().color()).isEqualTo(Color.GREEN);
                    assertThat(start.rollout().deadline()).isEqualTo(NOW.plusSeconds(120));
                    assertThat(start.rollout().approval()).isNull();
                });
    }

    @Test
    void onlyTheUpstreamsStableReleasesArePromotedAndAnEnvironmentWithNoSourceDeploysNothing() {
        assertIgnored(production.plan(stable("b-1", 1, Fixtures.NEXT, NOW, "production"),
                Fixtures.service("blue", true), NOW), "releases of production are not promoted to production");
        PromotionPlanner nowhere = planner("staging", Fixtures.properties(List.of(), "", null, List.of()));
        assertIgnored(nowhere.plan(stable, Fixtures.service("blue", true), NOW), "not promoted to staging");
    }

    @Test
    void anOlderBuildAReplayAndAnOldReleaseAreNotPromoted() {
        ReleaseRecord taken = Fixtures.record("blue").toBuilder().buildOrder(new BuildOrder(101, 1)).build();

        assertSkip(production.plan(stable("b-100", 100, Fixtures.NEXT, NOW), Fixtures.service(taken), NOW),
                "(run 100 attempt 1) is not newer than run 101 attempt 1, already taken here");
        assertSkip(production.plan(stable("b-102", 102, Fixtures.NEXT, NOW.minusSeconds(3601)),
                Fixtures.service("blue", true), NOW), "became stable upstream at");
        DeploymentStable unordered = new DeploymentStable("s-x", NOW, "staging", "checkout", "checkout-staging-x",
                Color.GREEN, Fixtures.NEXT, 900_000, null, null, null, null);
        assertSkip(production.plan(unordered, Fixtures.service("blue", true), NOW), "does not say which build");
    }

    @Test
    void theSameReleaseAgainIsARedeliveryAndANewerOneSupersedesTheWaitingCandidate() {
        Rollout waiting = candidate(production.deploymentId(stable), 101);
        ReleaseRecord record = Fixtures.record("blue").toBuilder().pending(waiting).buildOrder(new BuildOrder(101, 1))
                .build();

        assertIgnored(production.plan(stable, Fixtures.service(record), NOW), "is already taken (a redelivery)");
        assertThat(production.plan(stable("b-102", 102, "registry.example/checkout:1.6.0", NOW),
                Fixtures.service(record), NOW)).isInstanceOfSatisfying(Intent.Hold.class,
                        hold -> assertThat(hold.supersedes()).isEqualTo(waiting));
    }

    @Test
    void anApprovalNamingTheWaitingCandidateRollsItOutAndSaysWhoApproved() {
        Rollout waiting = candidate(production.deploymentId(stable), 101);
        ReleaseRecord record = Fixtures.record("blue").toBuilder().pending(waiting).build();
        PromotionApproved approval = approval(waiting.deploymentId(), "release-manager", NOW);

        assertThat(production.plan(approval, Fixtures.service(record), NOW)).isInstanceOfSatisfying(Intent.Start.class,
                start -> {
                    assertThat(start.rollout().deploymentId()).isEqualTo(waiting.deploymentId());
                    assertThat(start.rollout().image()).isEqualTo(waiting.image());
                    assertThat(start.rollout().startedAt()).isEqualTo(NOW);
                    assertThat(start.rollout().approval()).isEqualTo(new Rollout.Approval(approval.eventId(),
                            "release-manager", NOW));
                });
    }

    @Test
    void anApprovalIsRefusedWhenNothingWaitsForItOrTheApproverMayNotOrItExpired() {
        Rollout waiting = candidate(production.deploymentId(stable), 101);
        ReleaseRecord record = Fixtures.record("blue").toBuilder().pending(waiting).build();

        assertSkip(production.plan(approval("checkout-production-other", "release-manager", NOW),
                Fixtures.service(record), NOW), "has no promotion of checkout-production-other waiting for approval ("
                        + waiting.deploymentId() + " waits)");
        assertSkip(production.plan(approval(waiting.deploymentId(), "release-manager", NOW),
                Fixtures.service("blue", true), NOW), "has no promotion of");
        assertSkip(production.plan(approval(waiting.deploymentId(), "octocat", NOW), Fixtures.service(record), NOW),
                "octocat may not approve in production (switchback.deployer.approvers)");
        assertSkip(production.plan(approval(waiting.deploymentId(), "release-manager", NOW.minusSeconds(601)),
                Fixtures.service(record), NOW), "the approval expired: it was given at");
    }

    @Test
    void anApprovalAlreadyActedOnIsARedeliveryAndARollbackInProgressMakesItWait() {
        Rollout waiting = candidate(production.deploymentId(stable), 101);
        PromotionApproved approval = approval(waiting.deploymentId(), "release-manager", NOW);
        Rollout approved = new Rollout(waiting.deploymentId(), waiting.image(), waiting.commit(),
                waiting.buildEventId(), waiting.buildOrder(), Color.GREEN, NOW, NOW.plusSeconds(120), null,
                new Rollout.Approval(approval.eventId(), "release-manager"));
        ReleaseRecord rollingOut = Fixtures.record("blue").toBuilder().rollout(approved).build();
        ReleaseRecord live = Fixtures.record("green").toBuilder()
                .live(approved.deploymentId(), Color.GREEN, approved.image(), NOW, Phase.SOAKING, NOW.plusSeconds(900))
                .liveRollout(approved).build();
        ReleaseRecord claimed = Fixtures.record("blue").toBuilder().pending(waiting).rollback(new RollbackClaim("rb-1",
                "d-1", Color.BLUE, Color.GREEN, null, null, NOW, NOW)).build();

        assertIgnored(production.plan(approval, Fixtures.service(rollingOut), NOW), "already taken (a redelivery)");
        assertIgnored(production.plan(approval, Fixtures.service(live), NOW), "already taken (a redelivery)");
        assertThat(production.plan(approval, Fixtures.service(claimed), NOW)).isInstanceOf(Intent.Wait.class);
    }

    @Test
    void verificationsOfTheBuildAreGatesAndAnApprovalCountsOnlyOnceTheyPassed() {
        PromotionPlanner gated = planner("production", Fixtures.properties(List.of(), "staging", null,
                List.of(), List.of("integration-tests", "load-test")));
        Intent.Hold hold = (Intent.Hold) gated.plan(stable, Fixtures.service("blue", true), NOW);
        assertThat(hold.waitingFor()).isEqualTo("verification integration-tests, verification load-test, approval");
        String id = hold.candidate().deploymentId();
        ReleaseRecord waiting = Fixtures.record("blue").toBuilder().pending(hold.candidate()).build();

        assertSkip(gated.plan(approval(id, "release-manager", NOW), Fixtures.service(waiting), NOW), id
                + " waits for verification integration-tests, verification load-test before an approval counts");
        Intent.Verified slow = (Intent.Verified) gated.plan(verification("b-101", "load-test",
                VerificationOutcome.FAILED, "v-1"), Fixtures.service(waiting), NOW);
        assertThat(slow.start()).isNull();
        Intent.Verified other = (Intent.Verified) gated.plan(verification("b-99", "load-test",
                VerificationOutcome.PASSED, "v-0"), Fixtures.service(waiting), NOW);
        ReleaseRecord partly = waiting.toBuilder().verified(other.verification()).verified(slow.verification())
                .verified(((Intent.Verified) gated.plan(verification("b-101", "integration-tests",
                        VerificationOutcome.PASSED, "v-2"), Fixtures.service(waiting), NOW)).verification()).build();
        assertSkip(gated.plan(approval(id, "release-manager", NOW), Fixtures.service(partly), NOW),
                "waits for verification load-test (failed: p95 240 ms > 100 ms) before");
        assertIgnored(gated.plan(verification("b-101", "load-test", VerificationOutcome.FAILED, "v-1"),
                Fixtures.service(partly), NOW), "already kept (a redelivery)");

        ReleaseRecord verified = partly.toBuilder().verified(((Intent.Verified) gated.plan(verification("b-101",
                "load-test", VerificationOutcome.PASSED, "v-3"), Fixtures.service(partly), NOW)).verification()).build();
        assertThat(gated.plan(approval(id, "release-manager", NOW), Fixtures.service(verified), NOW))
                .as("the latest report of a check counts").isInstanceOf(Intent.Start.class);
    }

    @Test
    void withoutApprovalTheLastVerificationStartsTheCandidateAndOneReportedEarlierCountsOnArrival() {
        PromotionPlanner unattended = planner("production", Fixtures.properties(List.of(), "staging", false,
                List.of(), List.of("load-test")));
        Intent.Hold hold = (Intent.Hold) unattended.plan(stable, Fixtures.service("blue", true), NOW);
        assertThat(hold.waitingFor()).isEqualTo("verification load-test");
        ReleaseRecord waiting = Fixtures.record("blue").toBuilder().pending(hold.candidate()).build();

        assertThat(unattended.plan(verification("b-101", "load-test", VerificationOutcome.PASSED, "v-1"),
                Fixtures.service(waiting), NOW)).isInstanceOfSatisfying(Intent.Verified.class, v -> {
                    assertThat(v.start().deploymentId()).isEqualTo(hold.candidate().deploymentId());
                    assertThat(v.start().deadline()).isEqualTo(NOW.plusSeconds(120));
                });
        ReleaseRecord early = Fixtures.record("blue").toBuilder().verified(new Verification("b-101", "load-test",
                VerificationOutcome.PASSED, null, "v-1", NOW)).build();
        assertThat(unattended.plan(stable, Fixtures.service(early), NOW)).isInstanceOf(Intent.Start.class);
        assertIgnored(unattended.plan(verification("b-101", "load-test", VerificationOutcome.PASSED, "v-9", "production"),
                Fixtures.service(waiting), NOW), "verifications in production do not gate production");
    }

    @Test
    void withACanaryThePromotionRollsOutAtOnceAndItsApprovalIsTheLastGateOfTheSwap() {
        DeployerProperties canary = Fixtures.withCanary(Fixtures.PRODUCTION, 1);
        PromotionPlanner planner = planner("production", canary);

        Intent.CanaryFirst first = (Intent.CanaryFirst) planner.plan(stable, Fixtures.service("blue", true), NOW);
        assertThat(first.rollout().approval()).isNull();
        assertThat(first.upstreamDeploymentId()).isEqualTo(stable.deploymentId());
        ReleaseRecord running = Fixtures.record("blue").toBuilder().rollout(first.rollout()).build();
        PromotionApproved approval = approval(first.rollout().deploymentId(), "release-manager", NOW.plusSeconds(300));

        assertThat(planner.plan(approval, Fixtures.service(running), NOW.plusSeconds(301)))
                .isInstanceOfSatisfying(Intent.Approve.class, approve -> assertThat(approve.approved().approval())
                        .isEqualTo(new Rollout.Approval(approval.eventId(), "release-manager", NOW.plusSeconds(301))));
        assertSkip(planner.plan(approval(first.rollout().deploymentId(), "intern", NOW), Fixtures.service(running), NOW),
                "intern may not approve in production");
        ReleaseRecord approved = running.toBuilder().rollout(((Intent.Approve) planner.plan(approval,
                Fixtures.service(running), NOW)).approved()).build();
        assertIgnored(planner.plan(approval, Fixtures.service(approved), NOW), "already taken (a redelivery)");
    }

    @Test
    void anEnvironmentTakesBuildsOrPromotionsNotBoth() {
        assertThatThrownBy(() -> Fixtures.properties(List.of("main"), "staging", null, List.of()))
                .hasMessageContaining("both set");
        assertThat(Fixtures.PRODUCTION.requiresApproval()).as("promotions wait for approval by default").isTrue();
        assertThat(Fixtures.PROPERTIES.requiresApproval()).as("builds do not").isFalse();
    }

    private static PromotionPlanner planner(String environment, DeployerProperties properties) {
        return new PromotionPlanner(environment, properties, new RolloutPlanner(environment, properties));
    }

    private static DeploymentStable stable(String buildEventId, long runId, String image, Instant at) {
        return stable(buildEventId, runId, image, at, "staging");
    }

    private static DeploymentStable stable(String buildEventId, long runId, String image, Instant at, String env) {
        return new DeploymentStable("s-" + buildEventId, at, env, "checkout", "checkout-" + env + "-" + runId,
                Color.GREEN, image, 900_000, "7f3a9c1", buildEventId, runId, null);
    }

    private static Rollout candidate(String deploymentId, long runId) {
        return new Rollout(deploymentId, Fixtures.NEXT, "7f3a9c1", "b-" + runId, new BuildOrder(runId, 1), Color.GREEN,
                Fixtures.T0, null, null);
    }

    private static PromotionApproved approval(String deploymentId, String by, Instant at) {
        return new PromotionApproved("approve-" + at.toEpochMilli() + by, at, "production", "checkout", deploymentId,
                by, null);
    }

    private static VerificationRecorded verification(String buildEventId, String check, VerificationOutcome outcome,
            String id) {
        return verification(buildEventId, check, outcome, id, "staging");
    }

    private static VerificationRecorded verification(String buildEventId, String check, VerificationOutcome outcome,
            String id, String environment) {
        return new VerificationRecorded(id, NOW, environment, "checkout", buildEventId, check, outcome,
                outcome == VerificationOutcome.PASSED ? null : "p95 240 ms > 100 ms", null, "k6");
    }

    private static void assertSkip(Intent intent, String reason) {
        assertThat(intent).isInstanceOfSatisfying(Intent.Skip.class, s -> assertThat(s.reason()).contains(reason));
    }

    private static void assertIgnored(Intent intent, String reason) {
        assertThat(intent).isInstanceOfSatisfying(Intent.Ignore.class, s -> assertThat(s.reason()).contains(reason));
    }
}
