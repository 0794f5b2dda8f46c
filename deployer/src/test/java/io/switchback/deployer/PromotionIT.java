package io.switchback.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.Verification;
import io.switchback.events.Color;
import io.switchback.events.DeploymentCanaryStarted;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentHeld;
import io.switchback.events.DeploymentPromotionPending;
import io.switchback.events.DeploymentSkipped;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentStage;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentSuperseded;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HealthBreached;
import io.switchback.events.HealthCheck;
import io.switchback.events.HealthSoakPassed;
import io.switchback.events.MetricSource;
import io.switchback.events.PromotionApproved;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.RollbackCause;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackTimings;
import io.switchback.events.RollbackTrigger;
import io.switchback.events.VerificationOutcome;
import io.switchback.events.VerificationRecorded;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import io.switchback.mockapi.TeamChart;
import io.switchback.platform.EventPublisher;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.MockKubernetes;
import io.switchback.testkit.MockKubernetesConfiguration;
import io.switchback.testkit.ReadyMarker;
import io.switchback.testkit.RealKafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Production's deployer against a real broker and a CRUD mock API server: a release that became stable in
 * staging (its {@code deployment.stable}, as staging's deployer writes it) waits for an approval, then rolls out
 * blue-green with the same image; approvals that are not for it, from someone who may not approve, or too old,
 * are answered and change nothing; a newer candidate supersedes a waiting one, an older one is not taken. A second
 * cluster of production (its own API server and deployer, consumer groups of its own) takes the same promotion
 * and approval, and switches only after the primary did.
 */
@RealKafka
@Import(MockKubernetesConfiguration.class)
@MockKubernetes
@SpringBootTest(properties = {
        DeployerApplication.CONFIG_NAME,
        "switchback.environment=production",
        "switchback.cluster=us-central1",
        "switchback.deployer.upstream=staging",
        "switchback.deployer.approvers=release-manager",
        "switchback.deployer.pre-switch-health-path=",
        "switchback.deployer.progress-deadline=4s",
        "switchback.deployer.rollback-window=2s",
        "switchback.deployer.traffic-drain=500ms",
        "switchback.deployer.reconcile-interval=300ms",
        "switchback.kafka.retry.transient-interval=100ms"})
class PromotionIT {

    private static final AtomicLong RUN = new AtomicLong(5000);

    @Autowired
    @Qualifier(MockKubernetesConfiguration.TEST_CLIENT)
    KubernetesClient client;
    @Autowired
    EventPublisher publisher;
    ReadyMarker readyMarker;

    @BeforeEach
    void controllers() {
        readyMarker = new ReadyMarker(client);
    }

    @AfterEach
    void stopControllers() {
        readyMarker.close();
    }

    @Test
    void aReleaseStableInStagingWaitsForApprovalThenSwapsWithTheSameImage(KafkaBroker broker) {
        String svc = teamChart();
        DeploymentStable upstream = stableInStaging(svc, "1.5.0");
        publisher.publish(upstream);

        DeploymentPromotionPending pending = awaitType(broker, svc, DeploymentPromotionPending.class, 1).get(0);
        assertThat(pending.image()).as("never rebuilt").isEqualTo(upstream.image());
        assertThat(pending.commit()).isEqualTo(upstream.commit());
        assertThat(pending.upstreamEnvironment()).isEqualTo("staging");
        assertThat(pending.upstreamDeploymentId()).isEqualTo(upstream.deploymentId());
        assertThat(pending.waitingFor()).isEqualTo("approval");
        assertThat(pending.liveDeploymentId()).isNull();
        assertThat(record(svc).pending().deploymentId()).isEqualTo(pending.deploymentId());
        assertThat(selector(svc)).as("nothing rolls out before the approval").isEqualTo("blue");
        assertThat(events(broker, svc)).noneMatch(DeploymentStarted.class::isInstance);

        PromotionApproved approval = approval(svc, pending.deploymentId(), "release-manager", Instant.now());
        publisher.publish(approval);

        DeploymentStarted started = awaitType(broker, svc, DeploymentStarted.class, 1).get(0);
        assertThat(started.deploymentId()).isEqualTo(pending.deploymentId());
        assertThat(started.image()).isEqualTo(upstream.image());
        assertThat(started.buildEventId()).isEqualTo(upstream.buildEventId());
        assertThat(started.approvalCommandId()).isEqualTo(approval.eventId());
        assertThat(started.approvedBy()).isEqualTo("release-manager");
        publisher.publish(Fixtures.soakPassed(awaitType(broker, svc, DeploymentTrafficSwitched.class, 1).get(0)));
        assertThat(selector(svc)).isEqualTo("green");
        DeploymentStable stable = awaitType(broker, svc, DeploymentStable.class, 1).get(0);
        assertThat(stable.buildEventId()).as("production's stable names the build too")
                .isEqualTo(upstream.buildEventId());
        assertThat(stable.buildOrder()).isEqualTo(upstream.buildOrder());
        assertThat(record(svc).pending()).as("the approval consumed the candidate").isNull();

        publisher.publish(approval);
        publisher.publish(stableInStaging(svc, "1.6.0"));
        DeploymentPromotionPending next = awaitType(broker, svc, DeploymentPromotionPending.class, 2).get(1);
        // on the same partition after the redelivered approval: once this is answered, that one was taken
        PromotionApproved marker = approval(svc, next.deploymentId(), "octocat", Instant.now());
        publisher.publish(marker);
        assertThat(awaitType(broker, svc, DeploymentSkipped.class, 1)).extracting(DeploymentSkipped::causeEventId)
                .as("the approval again is a redelivery: answered by nothing").containsExactly(marker.eventId());
        assertThat(events(broker, svc)).filteredOn(DeploymentStarted.class::isInstance).hasSize(1);
    }

    @Test
    void anApprovalNotForTheCandidateFromSomeoneWhoMayNotApproveOrExpiredIsAnsweredAndChangesNothing(
            KafkaBroker broker) {
        String svc = teamChart();
        publisher.publish(stableInStaging(svc, "1.5.0"));
        DeploymentPromotionPending pending = awaitType(broker, svc, DeploymentPromotionPending.class, 1).get(0);

        PromotionApproved wrongRelease = approval(svc, svc + "-production-0000000000", "release-manager",
                Instant.now());
        PromotionApproved notAnApprover = approval(svc, pending.deploymentId(), "octocat", Instant.now());
        PromotionApproved expired = approval(svc, pending.deploymentId(), "release-manager",
                Instant.now().minus(Duration.ofMinutes(11)));
        publisher.publish(wrongRelease);
        publisher.publish(notAnApprover);
        publisher.publish(expired);

        List<DeploymentSkipped> skipped = awaitType(broker, svc, DeploymentSkipped.class, 3);
        assertThat(skipped).extracting(DeploymentSkipped::causeEventId)
                .containsExactly(wrongRelease.eventId(), notAnApprover.eventId(), expired.eventId());
        assertThat(skipped.get(0).reason()).contains("has no promotion of " + wrongRelease.deploymentId()
                + " waiting for approval (" + pending.deploymentId() + " waits)");
        assertThat(skipped.get(1).reason()).contains("octocat may not approve in production");
        assertThat(skipped.get(2).reason()).contains("the approval expired");
        assertThat(events(broker, svc)).noneMatch(DeploymentStarted.class::isInstance);
        assertThat(record(svc).pending().deploymentId()).as("still waiting").isEqualTo(pending.deploymentId());
        assertThat(selector(svc)).isEqualTo("blue");
    }

    @Test
    void aNewerCandidateSupersedesTheWaitingOneAndAnOlderOneIsNotTaken(KafkaBroker broker) {
        String svc = teamChart();
        DeploymentStable older = stableInStaging(svc, "1.5.0");
        DeploymentStable newer = stableInStaging(svc, "1.6.0");
        publisher.publish(newer);
        DeploymentPromotionPending waiting = awaitType(broker, svc, DeploymentPromotionPending.class, 1).get(0);
        publisher.publish(older);
        DeploymentSkipped skipped = awaitType(broker, svc, DeploymentSkipped.class, 1).get(0);
        assertThat(skipped.causeEventId()).isEqualTo(older.eventId());
        assertThat(skipped.reason()).contains("is not newer than run " + newer.workflowRunId());

        DeploymentStable newest = stableInStaging(svc, "1.7.0");
        publisher.publish(newest);
        DeploymentPromotionPending next = awaitType(broker, svc, DeploymentPromotionPending.class, 2).get(1);
        assertThat(next.image()).isEqualTo(newest.image());
        assertThat(awaitType(broker, svc, DeploymentSuperseded.class, 1).get(0)).satisfies(superseded -> {
            assertThat(superseded.deploymentId()).isEqualTo(waiting.deploymentId());
            assertThat(superseded.supersededBy()).isEqualTo(next.deploymentId());
        });

        publisher.publish(approval(svc, waiting.deploymentId(), "release-manager", Instant.now()));
        assertThat(awaitType(broker, svc, DeploymentSkipped.class, 2).get(1).reason())
                .contains("has no promotion of " + waiting.deploymentId());
        assertThat(record(svc).pending().deploymentId()).isEqualTo(next.deploymentId());
    }

    @Test
    void eachClusterOfTheEnvironmentTakesThePromotionAndTheApproval(KafkaBroker broker, @TempDir Path dir) {
        try (Region failover = Region.failover(broker, dir)) {
            String svc = teamChart();
            TeamChart.install(failover.client(), "default", svc, image(svc, "1.4.0"), 2);
            publisher.publish(stableInStaging(svc, "1.5.0"));

            List<DeploymentPromotionPending> pending = awaitType(broker, svc, DeploymentPromotionPending.class, 2);
            assertThat(pending).as("one per cluster, each with its own consumer group")
                    .extracting(DeploymentPromotionPending::deploymentId).containsOnly(pending.get(0).deploymentId());
            publisher.publish(approval(svc, pending.get(0).deploymentId(), "release-manager", Instant.now()));

            KubernetesClient failoverClient = failover.client();
            await().atMost(DeploymentsTopic.WAIT).until(() -> "green".equals(selector(svc))
                    && "green".equals(failoverClient.services().inNamespace("default")
                            .withName(svc).get().getSpec().getSelector().get("color")));
            assertThat(awaitType(broker, svc, DeploymentStarted.class, 2)).extracting(DeploymentStarted::approvedBy)
                    .containsExactly("release-manager", "release-manager");
            ReleaseRecord failoverRecord = ReleaseRecord.of(failoverClient.services().inNamespace("default")
                    .withName(svc).get()).orElseThrow();
            assertThat(failoverRecord.leadSwitched()).isEqualTo(pending.get(0).deploymentId());
            assertThat(failoverRecord.switchedAt()).as("the failover region switches after the primary")
                    .isAfterOrEqualTo(record(svc).switchedAt());
        }
    }

    @Test
    void aFailoverRegionNeverSwitchesWhereItsPrimaryDidNot(KafkaBroker broker, @TempDir Path dir) {
        try (Region failover = Region.failover(broker, dir,
                "--switchback.deployer.switch-after-timeout=1s")) {
            // the service runs in the failover region only: the primary skips the promotion, never switches
            String svc = "shop-" + UUID.randomUUID().toString().substring(0, 6);
            KubernetesClient failoverClient = failover.client();
            TeamChart.install(failoverClient, "default", svc, image(svc, "1.4.0"), 2);
            publisher.publish(stableInStaging(svc, "1.5.0"));
            DeploymentPromotionPending pending = awaitType(broker, svc, DeploymentPromotionPending.class, 1).get(0);
            publisher.publish(approval(svc, pending.deploymentId(), "release-manager", Instant.now()));

            DeploymentFailed failed = awaitType(broker, svc, DeploymentFailed.class, 1).get(0);
            assertThat(failed.stage()).isEqualTo(DeploymentStage.TRAFFIC_SWITCH);
            assertThat(failed.reason()).startsWith("us-central1 did not switch to " + pending.deploymentId());
            assertThat(failoverClient.services().inNamespace("default").withName(svc).get().getSpec().getSelector())
                    .containsEntry("color", "blue");
        }
    }

    @Test
    void aFailoverRegionNeverSwitchesToAReleaseItsPrimaryRolledBack(KafkaBroker broker, @TempDir Path dir) {
        try (Region failover = Region.failover(broker, dir)) {
            String svc = "shop-" + UUID.randomUUID().toString().substring(0, 6);
            KubernetesClient failoverClient = failover.client();
            TeamChart.install(failoverClient, "default", svc, image(svc, "1.5.0"), 2);
            publisher.publish(stableInStaging(svc, "1.6.0"));
            DeploymentPromotionPending pending = awaitType(broker, svc, DeploymentPromotionPending.class, 1).get(0);
            publisher.publish(approval(svc, pending.deploymentId(), "release-manager", Instant.now()));
            awaitType(broker, svc, DeploymentStarted.class, 1);

            // what the primary's rollback controller writes (this context's publisher names us-central1)
            Instant now = Instant.now();
            publisher.publish(new RollbackCompleted(UUID.randomUUID().toString(), now, "production", svc,
                    pending.deploymentId(), "rb-" + svc, new RollbackCause(RollbackTrigger.HEALTH_BREACH,
                            UUID.randomUUID().toString(), HealthCheck.ERROR_RATE, 0.05, 0.01, "5% errors"),
                    Color.GREEN, Color.BLUE, image(svc, "1.5.0"), new RollbackTimings(now, now, now, now)));

            DeploymentFailed failed = awaitType(broker, svc, DeploymentFailed.class, 1).get(0);
            assertThat(failed.reason()).isEqualTo("us-central1 rolled " + pending.deploymentId()
                    + " back; this cluster does not switch to it");
            assertThat(failoverClient.services().inNamespace("default").withName(svc).get().getSpec().getSelector())
                    .containsEntry("color", "blue");
        }
    }

    @Test
    void aPromotionWaitsForTheVerificationsOfItsBuildAndStartsOnTheLastOneWhenNoApprovalIsRequired(KafkaBroker broker,
            @TempDir Path dir) {
        try (Region gated = Region.start(broker, dir, "--switchback.cluster=eu-west1",
                "--switchback.deployer.verifications=integration-tests,load-test",
                "--switchback.deployer.approval-required=false")) {
            String svc = teamChart();
            KubernetesClient eu = gated.client();
            TeamChart.install(eu, "default", svc, image(svc, "1.5.0"), 2);
            DeploymentStable upstream = stableInStaging(svc, "1.6.0");
            publisher.publish(verification(upstream, "integration-tests", VerificationOutcome.PASSED));
            publisher.publish(upstream);

            await().atMost(DeploymentsTopic.WAIT).until(() -> events(broker, svc).stream()
                    .filter(DeploymentPromotionPending.class::isInstance).map(DeploymentPromotionPending.class::cast)
                    // the stable and the first verification come on two topics: either may be taken first
                    .anyMatch(p -> p.waitingFor().endsWith("verification load-test")));
            publisher.publish(verification(upstream, "load-test", VerificationOutcome.FAILED));
            publisher.publish(verification(upstream, "load-test", VerificationOutcome.PASSED));

            await().atMost(DeploymentsTopic.WAIT).until(() -> "green".equals(eu.services().inNamespace("default")
                    .withName(svc).get().getSpec().getSelector().get("color")));
            ReleaseRecord record = ReleaseRecord.of(eu.services().inNamespace("default").withName(svc).get())
                    .orElseThrow();
            assertThat(record.liveImage()).isEqualTo(upstream.image());
            assertThat(record.verifications()).extracting(Verification::check, Verification::outcome)
                    .containsExactlyInAnyOrder(tuple("integration-tests", VerificationOutcome.PASSED),
                            tuple("load-test", VerificationOutcome.PASSED));
            assertThat(selector(svc)).as("us-central1 still waits for its approval").isEqualTo("blue");
        }
    }

    @Test
    void aCanaryBreachSeenInOneClusterRemovesTheCanaryInEveryClusterAndTheLiveColourNeverStopsServing(
            KafkaBroker broker, @TempDir Path dir) throws Exception {
        String[] canary = {"--switchback.deployer.approval-required=false", "--switchback.deployer.canary.replicas=1",
                "--switchback.deployer.canary.duration=5m"};
        try (Region west = Region.start(broker, Files.createDirectories(dir.resolve("west")),
                concat("--switchback.cluster=eu-west1", canary));
                Region north = Region.start(broker, Files.createDirectories(dir.resolve("north")),
                        concat("--switchback.cluster=eu-north1", canary))) {
            String svc = teamChart();
            List<Map<String, String>> selectors = new CopyOnWriteArrayList<>();
            List<SharedIndexInformer<Service>> watching = new java.util.ArrayList<>();
            for (Region region : List.of(west, north)) {
                TeamChart.install(region.client(), "default", svc, image(svc, "1.4.0"), 2);
                watching.add(region.client().services().inNamespace("default").withName(svc).inform(
                        new ResourceEventHandler<>() {
                            @Override
                            public void onAdd(Service s) {
                                selectors.add(selector(s));
                            }

                            @Override
                            public void onUpdate(Service before, Service after) {
                                selectors.add(selector(after));
                            }

                            @Override
                            public void onDelete(Service s, boolean unknown) {
                            }
                        }));
            }
            publisher.publish(stableInStaging(svc, "1.5.0"));

            List<DeploymentCanaryStarted> started = awaitType(broker, svc, DeploymentCanaryStarted.class, 2);
            assertThat(started).allSatisfy(c -> {
                assertThat(c.canaryReplicas()).isEqualTo(1);
                assertThat(c.liveReplicas()).isEqualTo(2);
                assertThat(c.color()).isEqualTo(Color.GREEN);
            });
            for (Region region : List.of(west, north)) {
                Service service = region.client().services().inNamespace("default").withName(svc).get();
                assertThat(selector(service)).as("both colours serve").doesNotContainKey("color")
                        .containsEntry("app", svc);
                assertThat(ReleaseRecord.of(service).orElseThrow().liveColor()).isEqualTo(Color.BLUE);
            }

            // eu-west1's health monitor finds the canary bad
            Instant now = Instant.now();
            publisher.publish(new HealthBreached(UUID.randomUUID().toString(), now, "production", svc,
                    started.get(0).deploymentId(), Color.GREEN, image(svc, "1.5.0"), HealthCheck.ERROR_RATE, 0.06, 0.01,
                    "ratio", 10_000, 400, 40, 1, now.minusSeconds(4), MetricSource.DIRECT_SCRAPE,
                    "24 of 400 requests failed"));

            List<DeploymentFailed> failed = awaitType(broker, svc, DeploymentFailed.class, 2);
            assertThat(failed).allSatisfy(f -> {
                assertThat(f.stage()).isEqualTo(DeploymentStage.CANARY);
                assertThat(f.reason()).startsWith("the canary breached error-rate (24 of 400 requests failed)");
                assertThat(f.trafficColor()).isEqualTo(Color.BLUE);
            });
            for (Region region : List.of(west, north)) {
                KubernetesClient client = region.client();
                await().atMost(DeploymentsTopic.WAIT).until(() -> "blue".equals(client.services().inNamespace("default")
                        .withName(svc).get().getSpec().getSelector().get("color"))
                        && client.apps().deployments().inNamespace("default").withName(svc + "-green").get().getSpec()
                                .getReplicas() == 0);
            }
            watching.forEach(SharedIndexInformer::close);
            assertThat(selectors).as("the live colour was selected all along: alone, or with the canary")
                    .isNotEmpty().allSatisfy(selector -> assertThat(selector).containsEntry("app", svc)
                            .satisfiesAnyOf(x -> assertThat(x).containsEntry("color", "blue"),
                                    x -> assertThat(x).doesNotContainKey("color")));
        }
    }

    @Test
    void withACanaryTheApproverLooksAtACanaryThatServedAndTheSwapWaitsForTheApproval(KafkaBroker broker,
            @TempDir Path dir) {
        try (Region region = Region.start(broker, dir, "--switchback.cluster=eu-south1",
                "--switchback.deployer.canary.replicas=1", "--switchback.deployer.canary.duration=2s")) {
            String svc = teamChart();
            KubernetesClient eu = region.client();
            TeamChart.install(eu, "default", svc, image(svc, "1.4.0"), 2);
            publisher.publish(stableInStaging(svc, "1.5.0"));

            DeploymentCanaryStarted canary = awaitType(broker, svc, DeploymentCanaryStarted.class, 1).get(0);
            assertThat(events(broker, svc)).filteredOn(DeploymentPromotionPending.class::isInstance)
                    .extracting(e -> ((DeploymentPromotionPending) e).waitingFor())
                    .contains("canary, approval");
            // twice the canary's time, and no verdict from the health monitor: both colours serve on, nothing swaps
            await("the canary serves on").during(Duration.ofSeconds(4)).atMost(DeploymentsTopic.WAIT).until(() ->
                    selector(eu.services().inNamespace("default").withName(svc).get()).get("color") == null
                            && events(broker, svc).stream().noneMatch(DeploymentTrafficSwitched.class::isInstance));
            // eu-south1's health monitor passes the canary's time; still no approval: nothing swaps
            region.publisher().publish(new HealthSoakPassed(UUID.randomUUID().toString(), canary.endsAt(), "production",
                    svc, canary.deploymentId(), canary.color(), canary.image(), canary.occurredAt(), canary.endsAt(),
                    2_000, 1_600, 0));
            await().atMost(DeploymentsTopic.WAIT).until(() -> ReleaseRecord.of(eu.services().inNamespace("default")
                    .withName(svc).get()).orElseThrow().rollout().canary().passed());
            assertThat(events(broker, svc)).noneMatch(DeploymentTrafficSwitched.class::isInstance);

            publisher.publish(approval(svc, canary.deploymentId(), "release-manager", Instant.now()));
            await().atMost(DeploymentsTopic.WAIT).until(() -> "green".equals(eu.services().inNamespace("default")
                    .withName(svc).get().getSpec().getSelector().get("color")));
            assertThat(eu.apps().deployments().inNamespace("default").withName(svc + "-green").get().getSpec()
                    .getReplicas()).as("scaled up to the live colour's before the swap").isEqualTo(2);
            assertThat(ReleaseRecord.of(eu.services().inNamespace("default").withName(svc).get()).orElseThrow()
                    .liveRelease().orElseThrow().approval().approvedBy()).isEqualTo("release-manager");
        }
    }

    @Test
    void aPrimaryWhoseFailoverCannotBeReachedHoldsWithADeadlineThenFailsAndSwitchesOnceTheFailoverIsBack(
            KafkaBroker broker, @TempDir Path dir) throws Exception {
        String[] unattended = {"--switchback.deployer.approval-required=false",
                "--switchback.deployer.switch-after-timeout=1s"};
        try (Region primary = Region.start(broker, Files.createDirectories(dir.resolve("south")),
                concat("--switchback.cluster=ap-south1", concat("--switchback.deployer.switch-with=ap-east1",
                        unattended)))) {
            String svc = teamChart();
            KubernetesClient south = primary.client();
            TeamChart.install(south, "default", svc, image(svc, "1.4.0"), 2);
            publisher.publish(stableInStaging(svc, "1.5.0"));

            DeploymentHeld held = awaitType(broker, svc, DeploymentHeld.class, 1).get(0);
            assertThat(held.waitingFor()).isEqualTo("ap-east1");
            assertThat(held.reason()).contains("has not reported ready yet, and no region switches before it does");
            DeploymentFailed failed = awaitType(broker, svc, DeploymentFailed.class, 1).get(0);
            assertThat(failed.stage()).isEqualTo(DeploymentStage.TRAFFIC_SWITCH);
            assertThat(failed.reason()).startsWith("ap-east1 did not report " + held.deploymentId() + " ready");
            assertThat(failed.occurredAt()).isAfterOrEqualTo(held.deadline());
            assertThat(south.services().inNamespace("default").withName(svc).get().getSpec().getSelector())
                    .as("never half-swapped").containsEntry("color", "blue");

            try (Region east = Region.start(broker, Files.createDirectories(dir.resolve("east")),
                    concat("--switchback.cluster=ap-east1", concat("--switchback.deployer.switch-after=ap-south1",
                            unattended)))) {
                TeamChart.install(east.client(), "default", svc, image(svc, "1.4.0"), 2);
                publisher.publish(stableInStaging(svc, "1.6.0"));
                for (KubernetesClient region : List.of(south, east.client())) {
                    await().atMost(DeploymentsTopic.WAIT).until(() -> "green".equals(region.services()
                            .inNamespace("default").withName(svc).get().getSpec().getSelector().get("color")));
                }
            }
        }
    }

    /** The selector as a real API server has it: a key a merge patch nulled is gone (the mock keeps it, null). */
    private static Map<String, String> selector(Service service) {
        Map<String, String> present = new java.util.HashMap<>(service.getSpec().getSelector());
        present.values().removeIf(java.util.Objects::isNull);
        return present;
    }

    private static String[] concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    /** What the pipeline reports after running {@code check} against the staging release. */
    private static VerificationRecorded verification(DeploymentStable upstream, String check,
            VerificationOutcome outcome) {
        return new VerificationRecorded(UUID.randomUUID().toString(), Instant.now(), "staging", upstream.service(),
                upstream.buildEventId(), check, outcome, null, null, "service-release.yml");
    }

    /**
     * Another cluster of production: its own API server (with a kubelet marking pods ready) and its own deployer.
     */
    private record Region(MockApiServer server, ReadyMarker kubelet, ConfigurableApplicationContext deployer)
            implements AutoCloseable {

        /** The failover region, us-east1, which switches after us-central1 (this test's context). */
        static Region failover(KafkaBroker broker, Path dir, String... settings) {
            List<String> all = new java.util.ArrayList<>(List.of("--switchback.cluster=us-east1",
                    "--switchback.deployer.switch-after=us-central1"));
            all.addAll(List.of(settings));
            return start(broker, dir, all.toArray(String[]::new));
        }

        static Region start(KafkaBroker broker, Path dir, String... settings) {
            MockApiServer server = MockApiServer.start(dir);
            List<String> args = new java.util.ArrayList<>(List.of("--" + DeployerApplication.CONFIG_NAME,
                    "--server.port=0", "--switchback.environment=production", "--switchback.deployer.upstream=staging",
                    "--switchback.deployer.pre-switch-health-path=", "--switchback.deployer.progress-deadline=4s",
                    "--switchback.deployer.traffic-drain=500ms", "--switchback.deployer.reconcile-interval=300ms",
                    "--switchback.kafka.bootstrap-servers=" + broker.bootstrapServers()));
            args.addAll(List.of(settings));
            ConfigurableApplicationContext deployer = new SpringApplicationBuilder(DeployerApplication.class)
                    .initializers(context -> context.getBeanFactory().registerSingleton("kubernetesClient",
                            server.client(Identities.DEPLOYER)))
                    .run(args.toArray(String[]::new));
            return new Region(server, new ReadyMarker(server.client(Identities.TEST)), deployer);
        }

        /** What this region's services write with: its events carry its cluster's name. */
        EventPublisher publisher() {
            return deployer.getBean(EventPublisher.class);
        }

        /** The test's own client of this region's API server. */
        KubernetesClient client() {
            return server.client(Identities.TEST);
        }

        @Override
        public void close() {
            deployer.close();
            kubelet.close();
            server.close();
        }
    }

    /** A new service in production, as the team's chart creates it: 1.4.0 live on blue with two replicas. */
    private String teamChart() {
        String svc = "shop-" + UUID.randomUUID().toString().substring(0, 6);
        TeamChart.install(client, "default", svc, image(svc, "1.4.0"), 2);
        return svc;
    }

    /** What staging's deployer writes when a release of {@code tag}, built by a new workflow run, passed its soak. */
    private static DeploymentStable stableInStaging(String svc, String tag) {
        long run = RUN.incrementAndGet();
        return new DeploymentStable(UUID.randomUUID().toString(), Instant.now(), "staging", svc,
                svc + "-staging-" + run, Color.GREEN, image(svc, tag), 900_000, "7f3a9c1",
                UUID.randomUUID().toString(), run, 1);
    }

    private static PromotionApproved approval(String svc, String deploymentId, String by, Instant at) {
        return new PromotionApproved(UUID.randomUUID().toString(), at, "production", svc, deploymentId, by,
                "canary clean");
    }

    private static String image(String svc, String tag) {
        return "registry.example/" + svc + ":" + tag;
    }

    private ReleaseRecord record(String svc) {
        Service service = client.services().inNamespace("default").withName(svc).get();
        return ReleaseRecord.of(service).orElseThrow();
    }

    private String selector(String svc) {
        return client.services().inNamespace("default").withName(svc).get().getSpec().getSelector().get("color");
    }

    /** Production's deployer's events about {@code svc} so far, in order. */
    private static List<ReleaseEvent> events(KafkaBroker broker, String svc) {
        return new DeploymentsTopic(broker, "production").events(svc);
    }

    private static <T extends ReleaseEvent> List<T> awaitType(KafkaBroker broker, String svc, Class<T> type,
            int expected) {
        return new DeploymentsTopic(broker, "production").awaitType(svc, type, expected);
    }
}
