package io.switchback.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.switchback.cluster.HookJob;
import io.switchback.cluster.Phase;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildConclusion;
import io.switchback.events.Color;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentRetryRequested;
import io.switchback.events.DeploymentSkipped;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentStage;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentSuperseded;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HookOutcome;
import io.switchback.events.HookRun;
import io.switchback.events.PromotionApproved;
import io.switchback.events.ReleaseEvent;
import io.switchback.platform.EventPublisher;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import io.switchback.mockapi.SimulatedJobs;
import io.switchback.mockapi.TeamChart;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.MockKubernetes;
import io.switchback.testkit.MockKubernetesConfiguration;
import io.switchback.testkit.ReadyMarker;
import io.switchback.testkit.RealKafka;
import io.switchback.testkit.ServiceProbes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The deployer against a real broker and a CRUD mock API server, each test on a service of its own: rollouts,
 * soaks, the order of builds, replays and old builds, superseding, failures, retries, repairs from the
 * cluster, and two replicas taking each decision once.
 */
@RealKafka
@Import(MockKubernetesConfiguration.class)
@MockKubernetes
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        DeployerApplication.CONFIG_NAME,
        "switchback.environment=staging",
        "switchback.deployer.branches=main",
        "switchback.deployer.pre-switch-health-path=",
        "switchback.deployer.progress-deadline=4s",
        "switchback.deployer.rollback-window=2s",
        "switchback.deployer.traffic-drain=500ms",
        "switchback.deployer.reconcile-interval=300ms",
        "switchback.deployer.hook-deadline=2s",
        "switchback.kafka.retry.transient-interval=100ms"})
class DeployerIT {

    private static final Duration WAIT = DeploymentsTopic.WAIT;
    private static final AtomicLong RUN = new AtomicLong(1000);

    @Autowired
    @Qualifier(MockKubernetesConfiguration.TEST_CLIENT)
    KubernetesClient client;
    @Autowired
    MockApiServer server;
    ReadyMarker readyMarker;

    @Autowired
    EventPublisher publisher;
    @LocalServerPort
    int port;

    @BeforeEach
    void controllers() {
        readyMarker = new ReadyMarker(client);
    }

    @AfterEach
    void stopControllers() {
        readyMarker.close();
    }

    @Test
    void aBuildRollsOutSwitchesSoaksAndTheNextRollsOutOntoTheScaledDownColour(KafkaBroker broker) {
        String svc = teamChart();
        BuildCompleted first = build(svc, "1.5.0");
        publisher.publish(first);
        passSoak(broker, svc, 1);

        List<ReleaseEvent> events = awaitEvents(broker, svc, 4);
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("DeploymentStarted", "DeploymentReady", "DeploymentTrafficSwitched", "DeploymentStable");
        DeploymentStarted started = (DeploymentStarted) events.get(0);
        assertThat(started.targetColor()).isEqualTo(Color.GREEN);
        assertThat(started.liveImage()).isEqualTo(image(svc, "1.4.0"));
        assertThat(selector(svc)).isEqualTo("green");
        assertThat(replicas(svc, "blue")).as("stable: the previous colour scaled down").isZero();

        BuildCompleted second = build(svc, "1.6.0");
        publisher.publish(second);

        List<ReleaseEvent> next = awaitEvents(broker, svc, 7);
        assertThat(next.subList(4, 7)).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("DeploymentStarted", "DeploymentReady", "DeploymentTrafficSwitched");
        assertThat(((DeploymentTrafficSwitched) next.get(6)).liveColor()).isEqualTo(Color.BLUE);
        assertThat(selector(svc)).isEqualTo("blue");
        assertThat(replicas(svc, "blue")).as("the soak of 1.5.0 did not scale its successor down").isEqualTo(2);
        assertThat(next.stream().filter(DeploymentStable.class::isInstance)).as("one stable, for 1.5.0").hasSize(1);
    }

    @Test
    void aRedeliveryAnOlderBuildAndAReplayNeverDeploy(KafkaBroker broker) {
        String svc = teamChart();
        BuildCompleted newer = build(svc, "1.6.0");
        publisher.publish(newer);
        passSoak(broker, svc, 1);
        awaitType(broker, svc, DeploymentStable.class, 1);
        await().atMost(WAIT).until(() -> ReleaseRecord.of(service(svc)).orElseThrow().outbox().isEmpty());
        String version = service(svc).getMetadata().getResourceVersion();

        publisher.publish(newer);
        BuildCompleted older = new BuildCompleted(UUID.randomUUID().toString(), Instant.now(), svc,
                image(svc, "1.5.0"), "7f3a9c1", "main", null, newer.workflowRunId() - 1, BuildConclusion.SUCCESS, null);
        BuildCompleted replay = new BuildCompleted(UUID.randomUUID().toString(), Instant.now(), svc,
                image(svc, "1.6.1"), "7f3a9c1", "main", null, newer.workflowRunId(), BuildConclusion.SUCCESS, 1);
        publisher.publish(older);
        publisher.publish(replay);

        List<DeploymentSkipped> skipped = awaitType(broker, svc, DeploymentSkipped.class, 2);
        assertThat(skipped).extracting(DeploymentSkipped::causeEventId).containsExactly(older.eventId(), replay.eventId());
        assertThat(skipped.get(0).reason()).contains("is not newer than run " + newer.workflowRunId());
        assertThat(skipped.get(0).liveDeploymentId()).isEqualTo(ReleaseRecord.of(service(svc)).orElseThrow().deploymentId());
        assertThat(events(broker, svc).stream().filter(DeploymentStarted.class::isInstance)).hasSize(1);
        assertThat(service(svc).getMetadata().getResourceVersion()).as("nothing written").isEqualTo(version);
    }

    @Test
    void aBuildOlderThanItMayWaitIsNotDeployed(KafkaBroker broker) {
        String svc = teamChart();
        BuildCompleted old = new BuildCompleted(UUID.randomUUID().toString(), Instant.now().minus(Duration.ofHours(2)),
                svc, image(svc, "1.5.0"), "7f3a9c1", "main", null, RUN.incrementAndGet(), BuildConclusion.SUCCESS, null);
        publisher.publish(old);

        assertThat(awaitType(broker, svc, DeploymentSkipped.class, 1).get(0).reason())
                .contains("more than 1 h ago (switchback.deployer.max-build-age)");
        assertThat(selector(svc)).isEqualTo("blue");
    }

    @Test
    void aNewerBuildSupersedesARolloutInProgressWithoutWaitingForIt(KafkaBroker broker) {
        String svc = teamChart();
        BuildCompleted slow = build(svc, "1.5.0-unready");
        publisher.publish(slow);
        DeploymentStarted first = awaitType(broker, svc, DeploymentStarted.class, 1).get(0);
        BuildCompleted fix = build(svc, "1.5.1");
        publisher.publish(fix);

        DeploymentSuperseded superseded = awaitType(broker, svc, DeploymentSuperseded.class, 1).get(0);
        assertThat(superseded.deploymentId()).isEqualTo(first.deploymentId());
        assertThat(superseded.occurredAt()).as("well before the slow rollout's 4 s deadline")
                .isBefore(first.occurredAt().plusSeconds(3));
        DeploymentTrafficSwitched switched = awaitType(broker, svc, DeploymentTrafficSwitched.class, 1).get(0);
        assertThat(switched.liveImage()).isEqualTo(fix.image());
        assertThat(events(broker, svc).stream().filter(DeploymentFailed.class::isInstance)).isEmpty();
    }

    @Test
    void aFailedRolloutScalesDownOnlyAColourTheServiceDoesNotSelect(KafkaBroker broker) {
        String svc = teamChart();
        publisher.publish(build(svc, "1.5.0-unready"));
        DeploymentFailed failed = awaitType(broker, svc, DeploymentFailed.class, 1).get(0);
        assertThat(failed.stage()).isEqualTo(DeploymentStage.READINESS);
        assertThat(failed.reason()).contains("0 of 2 pods ready after the 4s progress deadline");
        assertThat(failed.trafficColor()).isEqualTo(Color.BLUE);
        assertThat(replicas(svc, "green")).isZero();

        publisher.publish(build(svc, "1.5.1-unready"));
        awaitType(broker, svc, DeploymentStarted.class, 2);
        await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace("default").withName(svc + "-green")
                .get().getSpec().getReplicas() == 2);
        client.services().inNamespace("default").withName(svc).edit(s -> {
            s.getSpec().getSelector().put("color", "green");
            return s;
        });

        DeploymentFailed pointed = awaitType(broker, svc, DeploymentFailed.class, 2).get(1);
        assertThat(pointed.reason()).contains("pointed at green outside Switchback");
        assertThat(replicas(svc, "green")).as("the colour the Service selects").isEqualTo(2);
    }

    @Test
    void aRetryRunsTheFailedRolloutAgainAndAnApprovalIsAnswered(KafkaBroker broker) {
        String svc = teamChart();
        publisher.publish(build(svc, "1.5.0-unready"));
        DeploymentFailed failed = awaitType(broker, svc, DeploymentFailed.class, 1).get(0);
        DeploymentRetryRequested retry = new DeploymentRetryRequested(UUID.randomUUID().toString(), Instant.now(),
                "staging", svc, failed.deploymentId(), "octocat", "the registry was flaky");
        PromotionApproved approval = new PromotionApproved(UUID.randomUUID().toString(), Instant.now(), "staging", svc,
                failed.deploymentId(), "octocat", null);
        publisher.publish(retry);
        publisher.publish(approval);

        DeploymentStarted again = awaitType(broker, svc, DeploymentStarted.class, 2).get(1);
        assertThat(again.retryCommandId()).isEqualTo(retry.eventId());
        assertThat(again.image()).isEqualTo(failed.image());
        assertThat(again.deploymentId()).isNotEqualTo(failed.deploymentId());
        assertThat(awaitType(broker, svc, DeploymentSkipped.class, 1).get(0)).satisfies(skip -> {
            assertThat(skip.causeEventId()).isEqualTo(approval.eventId());
            assertThat(skip.causeType()).isEqualTo("io.switchback.promotion.approved.v1");
        });
    }

    @Test
    void anEventLostBetweenTheClusterWriteAndKafkaIsPublishedFromTheCluster(KafkaBroker broker) {
        String svc = teamChart();
        Service service = service(svc);
        DeploymentStable lost = new DeploymentStable(UUID.randomUUID().toString(), Instant.now(), "staging", svc,
                svc + "-staging-1", Color.BLUE, image(svc, "1.4.0"), 1000, null, null, null, null);
        client.services().inNamespace("default").withName(svc).edit(s -> {
            s.getMetadata().getAnnotations().putAll(withoutNulls(ReleaseRecord.of(service).orElseThrow().toBuilder()
                    .publish(lost).build().annotations()));
            return s;
        });

        assertThat(awaitType(broker, svc, DeploymentStable.class, 1)).containsExactly(lost);
        await().atMost(WAIT).until(() -> ReleaseRecord.of(service(svc)).orElseThrow().outbox().isEmpty());
    }

    @Test
    void twoReplicasTakeEachDecisionOnce(KafkaBroker broker) {
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(DeployerApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("kubernetesClient",
                        server.client(Identities.DEPLOYER)))
                .run("--" + DeployerApplication.CONFIG_NAME.replace("=", "="), "--server.port=0",
                        "--switchback.environment=staging", "--switchback.deployer.branches=main",
                        "--switchback.deployer.pre-switch-health-path=",
                        "--switchback.deployer.progress-deadline=4s", "--switchback.deployer.rollback-window=2s",
                        "--switchback.deployer.traffic-drain=500ms",
                        "--switchback.deployer.reconcile-interval=300ms",
                        "--switchback.kafka.bootstrap-servers=" + broker.bootstrapServers())) {
            String svc = teamChart();
            publisher.publish(build(svc, "1.5.0"));
            passSoak(broker, svc, 1);
            awaitType(broker, svc, DeploymentStable.class, 1);
            publisher.publish(build(svc, "1.6.0"));
            passSoak(broker, svc, 2);

            awaitType(broker, svc, DeploymentStable.class, 2);

            // passes of both replicas after the last decision: still one event per decision
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> events(broker, svc).size() == 8);
            assertThat(events(broker, svc)).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                    "DeploymentStarted", "DeploymentReady", "DeploymentTrafficSwitched", "DeploymentStable",
                    "DeploymentStarted", "DeploymentReady", "DeploymentTrafficSwitched", "DeploymentStable");
        }
    }

    @Test
    void servesProbesKafkaHealthAndPrometheusMetrics() {
        ServiceProbes.assertReadyWithKafkaAndScrapable(port, "deployer");
    }

    @Test
    void aSoakNoHealthMonitorPassedIsHeldWithThePreviousColourWarmUntilOneDoes(KafkaBroker broker) {
        String svc = teamChart();
        publisher.publish(build(svc, "1.5.0"));
        DeploymentTrafficSwitched switched = awaitType(broker, svc, DeploymentTrafficSwitched.class, 1).get(0);

        // twice the 2 s window, with nothing from a health monitor: silence never ends a soak
        await("held soaking").during(Duration.ofSeconds(4)).atMost(WAIT).until(() -> record(svc).phase() == Phase.SOAKING
                && events(broker, svc).stream().noneMatch(DeploymentStable.class::isInstance));
        assertThat(replicas(svc, "blue")).as("the previous colour stays warm for a rollback").isEqualTo(2);

        publisher.publish(Fixtures.soakPassed(switched));

        assertThat(awaitType(broker, svc, DeploymentStable.class, 1).get(0).deploymentId())
                .isEqualTo(switched.deploymentId());
        assertThat(record(svc).soakPassed()).isEqualTo(switched.deploymentId());
        await().atMost(WAIT).until(() -> replicas(svc, "blue") == 0);
    }

    @Test
    void aPreSwapHookRunsBeforeTheSwitchAndAHookThatFailsOrOutlivesItsDeadlineMeansNoSwap(KafkaBroker broker) {
        String svc = teamChart();
        client.configMaps().inNamespace("default").resource(TeamChart.hooks(svc, HookJob.PRE_SWAP)).create();
        try (SimulatedJobs jobs = new SimulatedJobs(client)) {
            publisher.publish(build(svc, "1.5.0"));
            DeploymentTrafficSwitched switched = awaitType(broker, svc, DeploymentTrafficSwitched.class, 1).get(0);
            HookRun migrated = switched.preSwapHook();
            assertThat(migrated.outcome()).isEqualTo(HookOutcome.SUCCEEDED);
            assertThat(migrated.job()).isEqualTo(HookJob.name(svc, HookJob.PRE_SWAP, switched.deploymentId()));
            assertThat(migrated.finishedAt()).isAfterOrEqualTo(migrated.startedAt()).isBeforeOrEqualTo(switched.occurredAt());
            Job job = client.batch().v1().jobs().inNamespace("default").withName(migrated.job()).get();
            assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(image(svc, "1.5.0"));
            assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                    .containsExactly("migrate", "--release", switched.deploymentId());

            publisher.publish(build(svc, "1.6.0-hook-fails"));
            DeploymentFailed failed = awaitType(broker, svc, DeploymentFailed.class, 1).get(0);
            assertThat(failed.stage()).isEqualTo(DeploymentStage.PRE_SWAP_HOOK);
            assertThat(failed.preSwapHook().outcome()).isEqualTo(HookOutcome.FAILED);
            assertThat(failed.reason()).contains("BackoffLimitExceeded").endsWith("; no swap");
            assertThat(selector(svc)).as("no swap").isEqualTo("green");
            await().atMost(WAIT).until(() -> replicas(svc, "blue") == 0);

            publisher.publish(build(svc, "1.7.0-hook-hangs"));
            DeploymentFailed timedOut = awaitType(broker, svc, DeploymentFailed.class, 2).get(1);
            assertThat(timedOut.preSwapHook().outcome()).isEqualTo(HookOutcome.TIMED_OUT);
            assertThat(Duration.between(timedOut.preSwapHook().startedAt(), timedOut.preSwapHook().finishedAt()))
                    .as("the 2 s hook deadline").isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
            assertThat(selector(svc)).isEqualTo("green");
            assertThat(events(broker, svc)).filteredOn(DeploymentTrafficSwitched.class::isInstance).hasSize(1);
        }
    }

    /** A new service, as the team's chart creates it: 1.4.0 live on blue with two replicas. */
    private String teamChart() {
        String svc = "shop-" + UUID.randomUUID().toString().substring(0, 6);
        client.apps().deployments().inNamespace("default")
                .resource(TeamChart.deployment(svc, "blue", image(svc, "1.4.0"), 2)).create();
        client.services().inNamespace("default").resource(TeamChart.service(svc, "blue")).create();
        return svc;
    }

    private static String image(String svc, String tag) {
        return "registry.example/" + svc + ":" + tag;
    }

    private static BuildCompleted build(String svc, String tag) {
        return new BuildCompleted(UUID.randomUUID().toString(), Instant.now(), svc, image(svc, tag), "7f3a9c1", "main",
                "acme/" + svc, RUN.incrementAndGet(), BuildConclusion.SUCCESS, null);
    }

    /** Plays this cluster's health monitor: the soak of the {@code nth} release switched to passes. */
    private void passSoak(KafkaBroker broker, String svc, int nth) {
        publisher.publish(Fixtures.soakPassed(awaitType(broker, svc, DeploymentTrafficSwitched.class, nth).get(nth - 1)));
    }

    private ReleaseRecord record(String svc) {
        return ReleaseRecord.of(service(svc)).orElseThrow();
    }

    private Service service(String svc) {
        return client.services().inNamespace("default").withName(svc).get();
    }

    private String selector(String svc) {
        return service(svc).getSpec().getSelector().get("color");
    }

    private int replicas(String svc, String color) {
        Deployment deployment = client.apps().deployments().inNamespace("default").withName(svc + "-" + color).get();
        return deployment.getSpec().getReplicas();
    }

    private static Map<String, String> withoutNulls(Map<String, String> annotations) {
        Map<String, String> present = new java.util.HashMap<>();
        annotations.forEach((k, v) -> {
            if (v != null) {
                present.put(k, v);
            }
        });
        return present;
    }

    private static List<ReleaseEvent> events(KafkaBroker broker, String svc) {
        return new DeploymentsTopic(broker, "staging").events(svc);
    }

    private static List<ReleaseEvent> awaitEvents(KafkaBroker broker, String svc, int expected) {
        return new DeploymentsTopic(broker, "staging").awaitEvents(svc, expected);
    }

    private static <T extends ReleaseEvent> List<T> awaitType(KafkaBroker broker, String svc, Class<T> type,
            int expected) {
        return new DeploymentsTopic(broker, "staging").awaitType(svc, type, expected);
    }
}
