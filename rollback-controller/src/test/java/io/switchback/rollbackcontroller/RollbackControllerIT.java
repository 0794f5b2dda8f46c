package io.switchback.rollbackcontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.cluster.BlueGreen;
import io.switchback.cluster.HookJob;
import io.switchback.cluster.Phase;
import io.switchback.cluster.RecordLock;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.RollbackClaim;
import io.switchback.cluster.Rollout;
import io.switchback.events.BuildOrder;
import io.switchback.events.Color;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.HealthBreached;
import io.switchback.events.HealthCheck;
import io.switchback.events.HookOutcome;
import io.switchback.events.MetricSource;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.RollbackCause;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackFailed;
import io.switchback.events.RollbackHookFinished;
import io.switchback.events.RollbackRequested;
import io.switchback.events.RollbackSkipped;
import io.switchback.events.RollbackStarted;
import io.switchback.events.RollbackTrigger;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.SwitchbackEventDeserializer;
import io.switchback.events.Topic;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import io.switchback.mockapi.SimulatedJobs;
import io.switchback.mockapi.TeamChart;
import io.switchback.platform.EventPublisher;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.MockKubernetes;
import io.switchback.testkit.MockKubernetesConfiguration;
import io.switchback.testkit.ReadyMarker;
import io.switchback.testkit.RealKafka;
import io.switchback.testkit.ServiceProbes;
import io.switchback.testkit.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/** The controller against a real broker and a CRUD mock API server, each test on a service of its own. */
@RealKafka
@Import(MockKubernetesConfiguration.class)
@MockKubernetes
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        RollbackControllerApplication.CONFIG_NAME,
        "switchback.environment=staging",
        "switchback.rollback.ready-timeout=3s",
        "switchback.rollback.repair-interval=200ms"})
class RollbackControllerIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

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
    void aBreachOfTheLiveReleaseSwitchesTrafficBackAndADuplicateIsSkipped(KafkaBroker broker) {
        String svc = greenLiveBlueWarm(Phase.SOAKING);
        HealthBreached breach = breach(svc, "dep-2");
        publisher.publish(breach);

        List<ReleaseEvent> events = awaitEvents(broker, svc, 2);
        assertThat(events.get(0)).isInstanceOf(RollbackStarted.class);
        assertThat(events.get(1)).isInstanceOfSatisfying(RollbackCompleted.class, completed -> {
            assertThat(completed.fromColor()).isEqualTo(Color.GREEN);
            assertThat(completed.toColor()).isEqualTo(Color.BLUE);
            assertThat(completed.restoredImage()).isEqualTo("r/checkout:1.4.0");
            assertThat(completed.cause().causeEventId()).isEqualTo(breach.eventId());
            assertThat(completed.cause().observed()).isEqualTo(0.052);
            assertThat(completed.timings().faultOnsetAt()).isEqualTo(breach.firstBadAt());
            assertThat(completed.timings().detectedAt()).isEqualTo(breach.occurredAt());
            assertThat(completed.timings().trafficSwitchedAt()).isAfterOrEqualTo(completed.timings().decidedAt());
        });
        assertThat(selector(svc)).isEqualTo("blue");
        ReleaseRecord record = record(svc);
        assertThat(record.rolledBackDeploymentId()).isEqualTo("dep-2");
        assertThat(record.phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(record.outbox()).as("published, then removed").isEmpty();
        // the names the chart's alerts use (docs/operations.md)
        assertThat(ServiceProbes.get(port, "/actuator/prometheus").body())
                .containsPattern("switchback_rollbacks_total\\{environment=\"staging\",outcome=\"completed\","
                        + "service=\"" + svc + "\",trigger=\"health-breach\"}")
                .containsPattern("switchback_rollback_duration_seconds_bucket\\{environment=\"staging\","
                        + "service=\"" + svc + "\",trigger=\"health-breach\",le=\"60\\.0\"}");

        publisher.publish(breach(svc, "dep-2"));
        assertThat(awaitEvents(broker, svc, 3).get(2)).isInstanceOfSatisfying(RollbackSkipped.class,
                skipped -> assertThat(skipped.reason()).contains("already rolled back"));
        assertThat(selector(svc)).isEqualTo("blue");
    }

    @Test
    void aBreachSeenInOneClusterRollsTheReleaseBackInEveryClusterOfTheEnvironment(KafkaBroker broker,
            @TempDir Path dir) {
        try (MockApiServer otherCluster = MockApiServer.start(dir);
                ReadyMarker otherKubelet = new ReadyMarker(otherCluster.client(Identities.TEST));
                ConfigurableApplicationContext otherController = new SpringApplicationBuilder(
                        RollbackControllerApplication.class)
                        .initializers(context -> context.getBeanFactory().registerSingleton("kubernetesClient",
                                otherCluster.client(Identities.ROLLBACK_CONTROLLER)))
                        .run("--" + RollbackControllerApplication.CONFIG_NAME, "--server.port=0",
                                "--switchback.environment=staging", "--switchback.cluster=us-east1",
                                "--switchback.rollback.ready-timeout=3s", "--switchback.rollback.repair-interval=200ms",
                                "--switchback.kafka.bootstrap-servers=" + broker.bootstrapServers())) {
            String svc = greenLiveBlueWarm(Phase.SOAKING);
            KubernetesClient other = otherCluster.client(Identities.TEST);
            greenLiveBlueWarm(other, svc, Phase.SOAKING);

            HealthBreached breach = breach(svc, "dep-2");
            publisher.publish(breach);

            await().atMost(WAIT).until(() -> "blue".equals(selector(svc)) && "blue".equals(
                    other.services().inNamespace("default").withName(svc).get().getSpec().getSelector().get("color")));
            List<RollbackCompleted> completed = awaitType(broker, svc, RollbackCompleted.class, 2);
            assertThat(completed).as("one rollback in each cluster").extracting(RollbackCompleted::deploymentId)
                    .containsExactly("dep-2", "dep-2");
            assertThat(completed).as("each within the RTO of the fault's onset").allSatisfy(c -> assertThat(
                    Duration.between(c.timings().faultOnsetAt(), c.timings().trafficSwitchedAt()))
                    .isLessThanOrEqualTo(Duration.ofSeconds(60)));
        }
    }

    @Test
    void aManualRollbackAfterAnAutomaticOneIsAnsweredAndNeverRestoresTheBadRelease(KafkaBroker broker) {
        String svc = greenLiveBlueWarm(Phase.SOAKING);
        publisher.publish(breach(svc, "dep-2"));
        awaitType(broker, svc, RollbackCompleted.class, 1);

        RollbackRequested manual = manual(svc, null);
        publisher.publish(manual);

        RollbackSkipped skipped = awaitType(broker, svc, RollbackSkipped.class, 1).get(0);
        assertThat(skipped.cause().causeEventId()).isEqualTo(manual.eventId());
        assertThat(skipped.deploymentId()).isEqualTo("dep-1");
        assertThat(skipped.reason()).contains("dep-2 was rolled back and is never restored");
        assertThat(selector(svc)).isEqualTo("blue");
        assertThat(deadLetters(broker, Topic.COMMANDS)).as("a valid answer, not a dead letter").isZero();
    }

    @Test
    void aManualRollbackOfTheTeamsOwnReleaseIsAnswered(KafkaBroker broker) {
        String svc = teamsOwnRelease();
        RollbackRequested manual = manual(svc, null);
        publisher.publish(manual);

        RollbackSkipped skipped = awaitType(broker, svc, RollbackSkipped.class, 1).get(0);
        assertThat(skipped.deploymentId()).isEqualTo("none");
        assertThat(skipped.reason()).contains("was not deployed by Switchback");
        assertThat(deadLetters(broker, Topic.COMMANDS)).isZero();
    }

    @Test
    void aRollbackHookRunsOnceTheTrafficIsBackAndItsEndIsReportedOnceWithItsTimings(KafkaBroker broker) {
        String svc = greenLiveBlueWarm(Phase.SOAKING);
        String failing = greenLiveBlueWarm(Phase.SOAKING);
        client.configMaps().inNamespace("default").resource(TeamChart.hooks(svc, HookJob.ROLLBACK)).create();
        ConfigMap broken = TeamChart.hooks(failing, HookJob.ROLLBACK);
        broken.getData().put(HookJob.ROLLBACK, broken.getData().get(HookJob.ROLLBACK)
                .replace("${IMAGE}", "r/db-tools:1-hook-fails"));
        client.configMaps().inNamespace("default").resource(broken).create();
        try (SimulatedJobs jobs = new SimulatedJobs(client)) {
            publisher.publish(breach(svc, "dep-2"));
            publisher.publish(breach(failing, "dep-2"));

            RollbackCompleted completed = awaitType(broker, svc, RollbackCompleted.class, 1).get(0);
            RollbackHookFinished finished = awaitType(broker, svc, RollbackHookFinished.class, 1).get(0);
            assertThat(finished.rollbackId()).isEqualTo(completed.rollbackId());
            assertThat(finished.deploymentId()).isEqualTo("dep-2");
            assertThat(finished.hook().job()).isEqualTo(HookJob.name(svc, HookJob.ROLLBACK, completed.rollbackId()));
            assertThat(finished.hook().outcome()).isEqualTo(HookOutcome.SUCCEEDED);
            assertThat(finished.hook().startedAt()).as("after the traffic is back, never before")
                    .isAfterOrEqualTo(completed.timings().trafficSwitchedAt());
            assertThat(finished.hook().finishedAt()).isAfterOrEqualTo(finished.hook().startedAt());
            Job job = client.batch().v1().jobs().inNamespace("default").withName(finished.hook().job()).get();
            assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .as("the restored release's image").isEqualTo("r/checkout:1.4.0");

            RollbackHookFinished failed = awaitType(broker, failing, RollbackHookFinished.class, 1).get(0);
            assertThat(failed.hook().outcome()).isEqualTo(HookOutcome.FAILED);
            assertThat(failed.hook().reason()).startsWith("BackoffLimitExceeded");
            assertThat(selector(failing)).as("a failing database rollback leaves the traffic where it is")
                    .isEqualTo("blue");

            await("reported once").during(Duration.ofSeconds(1)).atMost(WAIT).until(() ->
                    events(broker, svc, 0).stream().filter(RollbackHookFinished.class::isInstance).count() == 1);
            assertThat(client.batch().v1().jobs().inNamespace("default").withName(finished.hook().job()).get()
                    .getMetadata().getAnnotations()).containsEntry("switchback.io/reported", "true");
        }
    }

    @Test
    void aScaledDownPreviousColourIsScaledUpFirst(KafkaBroker broker) {
        String svc = greenLiveBlueWarm(Phase.STABLE);
        client.apps().deployments().inNamespace("default").withName(svc + "-blue").edit(d -> {
            d.getSpec().setReplicas(0);
            return d;
        });
        publisher.publish(breach(svc, "dep-2"));

        assertThat(awaitEvents(broker, svc, 2).get(1)).isInstanceOf(RollbackCompleted.class);
        assertThat(deployment(svc, "blue").getSpec().getReplicas()).isEqualTo(2);
        assertThat(selector(svc)).isEqualTo("blue");
        assertThat(record(svc).rollback()).as("claim released").isNull();
        assertThat(record(svc).lock()).isNull();
    }

    @Test
    void aBreachDuringTheNextRolloutPutsThePreviousReleaseBackInsteadOfSwitchingToUnvettedPods(KafkaBroker broker) {
        String svc = greenLiveBlueWarm(Phase.SOAKING);
        Rollout next = new Rollout("dep-3", "r/checkout:1.6.0", "abcdef1", "b-3", new BuildOrder(3, 1), Color.BLUE,
                Instant.now(), Instant.now().plusSeconds(120), null);
        writeRecord(svc, record(svc).toBuilder().rollout(next).buildOrder(next.buildOrder()).build());
        client.apps().deployments().inNamespace("default").withName(svc + "-blue").edit(d -> {
            d.getMetadata().getAnnotations().put(BlueGreen.DEPLOYMENT_ID, "dep-3");
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("r/checkout:1.6.0");
            return d;
        });
        publisher.publish(breach(svc, "dep-2"));

        assertThat(awaitType(broker, svc, RollbackCompleted.class, 1).get(0).restoredImage()).isEqualTo("r/checkout:1.4.0");
        assertThat(selector(svc)).isEqualTo("blue");
        Deployment blue = deployment(svc, "blue");
        assertThat(BlueGreen.imageOf(blue)).as("the previous release, not the unvetted rollout").isEqualTo("r/checkout:1.4.0");
        assertThat(BlueGreen.deploymentIdOf(blue)).isEqualTo("dep-1");
        ReleaseRecord after = record(svc);
        assertThat(after.rollout()).isNull();
        assertThat(after.outbox()).as("for the deployer to publish").singleElement()
                .isInstanceOfSatisfying(DeploymentFailed.class, failed -> {
                    assertThat(failed.deploymentId()).isEqualTo("dep-3");
                    assertThat(failed.reason()).contains("cancelled: rollback rb-");
                });
    }

    @Test
    void trafficNeverMovesToPodsThatAreNotReady(KafkaBroker broker) {
        String svc = greenLiveBlueWarm(Phase.STABLE);
        client.apps().deployments().inNamespace("default").withName(svc + "-blue").edit(d -> new DeploymentBuilder(d)
                .editSpec().withReplicas(0).editTemplate().editSpec().editFirstContainer()
                .withImage("r/checkout:1.4.0-unready").endContainer().endSpec().endTemplate().endSpec().build());
        writeRecord(svc, record(svc).toBuilder().previous(Color.BLUE, "r/checkout:1.4.0-unready", "dep-1").build());
        publisher.publish(breach(svc, "dep-2"));

        assertThat(awaitType(broker, svc, RollbackFailed.class, 1).get(0)).satisfies(failed -> {
            assertThat(failed.reason()).contains(svc + "-blue is not ready (0 of 2 pods ready after 3s)");
            assertThat(failed.trafficColor()).isEqualTo(Color.GREEN);
        });
        assertThat(selector(svc)).isEqualTo("green");
        assertThat(record(svc).rollback()).isNull();
    }

    @Test
    void anOperatorCanRollBackByCommandNamingTheRelease(KafkaBroker broker) {
        String svc = greenLiveBlueWarm(Phase.SOAKING);
        publisher.publish(manual(svc, "dep-2"));

        assertThat(awaitType(broker, svc, RollbackCompleted.class, 1).get(0).cause().trigger())
                .isEqualTo(RollbackTrigger.MANUAL);
        assertThat(selector(svc)).isEqualTo("blue");
    }

    @Test
    void aRollbackWhoseControllerDiedWhilePreparingIsFinished(KafkaBroker broker) {
        String svc = greenLiveBlueWarm(Phase.STABLE);
        RollbackCause cause = new RollbackCause(RollbackTrigger.MANUAL, UUID.randomUUID().toString(), null, null, null,
                "requested by octocat: payments failing");
        Instant then = Instant.now().minusSeconds(5);
        writeRecord(svc, record(svc).toBuilder()
                .rollback(new RollbackClaim("rb-" + cause.causeEventId(), "dep-2", Color.GREEN, Color.BLUE, cause,
                        null, then, then))
                .lock(new RecordLock("rollback-controller/dead", then.plusSeconds(1))).build());

        RollbackCompleted completed = awaitType(broker, svc, RollbackCompleted.class, 1).get(0);
        assertThat(completed.rollbackId()).isEqualTo("rb-" + cause.causeEventId());
        assertThat(selector(svc)).isEqualTo("blue");
        assertThat(record(svc).rollback()).isNull();
    }

    @Test
    void servesProbesKafkaHealthAndPrometheusMetrics() {
        ServiceProbes.assertReadyWithKafkaAndScrapable(port, "rollback-controller");
    }

    /** dep-2 (1.5.0) live on green in {@code phase}, dep-1 (1.4.0) on blue, ready. */
    private String greenLiveBlueWarm(Phase phase) {
        String svc = "shop-" + UUID.randomUUID().toString().substring(0, 6);
        greenLiveBlueWarm(client, svc, phase);
        return svc;
    }

    /** The same release of {@code svc} in the cluster {@code cluster} reaches. */
    private static void greenLiveBlueWarm(KubernetesClient cluster, String svc, Phase phase) {
        cluster.apps().deployments().inNamespace("default")
                .resource(teamDeployment(svc, "blue", "r/checkout:1.4.0", "dep-1")).create();
        cluster.apps().deployments().inNamespace("default")
                .resource(teamDeployment(svc, "green", "r/checkout:1.5.0", "dep-2")).create();
        ReleaseRecord live = RollbackDecisionTest.greenLive(phase);
        cluster.services().inNamespace("default").resource(new ServiceBuilder(RollbackDecisionTest.service(live))
                .editMetadata().withName(svc).endMetadata().editSpec().addToSelector("app", svc).endSpec().build())
                .create();
        await().atMost(WAIT).until(() -> {
            Deployment blue = cluster.apps().deployments().inNamespace("default").withName(svc + "-blue").get();
            return blue.getStatus() != null && blue.getStatus().getReadyReplicas() != null;
        });
    }

    /** 1.4.0 live on blue as the team's chart made it: no release deployed by Switchback yet. */
    private String teamsOwnRelease() {
        String svc = "shop-" + UUID.randomUUID().toString().substring(0, 6);
        client.apps().deployments().inNamespace("default").resource(teamDeployment(svc, "blue", "r/checkout:1.4.0", null)).create();
        client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName(svc)
                .withAnnotations(Map.of(BlueGreen.MANAGED, "true")).endMetadata().withNewSpec()
                .withSelector(Map.of("app", svc, "color", "blue")).endSpec().build()).create();
        return svc;
    }

    private static Deployment teamDeployment(String svc, String color, String image, String deploymentId) {
        Map<String, String> labels = Map.of("app", svc, "color", color);
        Deployment d = RollbackDecisionTest.deployment(color, image, deploymentId, 2);
        return new DeploymentBuilder(d).editMetadata().withName(svc + "-" + color).withLabels(labels).endMetadata()
                .editSpec().editSelector().withMatchLabels(labels).endSelector().editTemplate().editMetadata()
                .withLabels(labels).endMetadata().endTemplate().endSpec().build();
    }

    private void writeRecord(String svc, ReleaseRecord record) {
        client.services().inNamespace("default").withName(svc).edit(s -> {
            Map<String, String> annotations = new HashMap<>(s.getMetadata().getAnnotations());
            record.annotations().forEach((k, v) -> {
                if (v == null) {
                    annotations.remove(k);
                } else {
                    annotations.put(k, v);
                }
            });
            s.getMetadata().setAnnotations(annotations);
            return s;
        });
    }

    private static HealthBreached breach(String svc, String deploymentId) {
        Instant now = Instant.now();
        return new HealthBreached(UUID.randomUUID().toString(), now, "staging", svc, deploymentId, Color.GREEN,
                "r/checkout:1.5.0", HealthCheck.ERROR_RATE, 0.052, 0.01, "ratio", 10_000, 1_040, 50, 2,
                now.minusSeconds(3), MetricSource.DIRECT_SCRAPE, null);
    }

    private static RollbackRequested manual(String svc, String deploymentId) {
        return new RollbackRequested(UUID.randomUUID().toString(), Instant.now(), "staging", svc, "payments failing",
                "octocat", deploymentId);
    }

    private Service service(String svc) {
        return client.services().inNamespace("default").withName(svc).get();
    }

    private ReleaseRecord record(String svc) {
        return ReleaseRecord.of(service(svc)).orElseThrow();
    }

    private Deployment deployment(String svc, String color) {
        return client.apps().deployments().inNamespace("default").withName(svc + "-" + color).get();
    }

    private String selector(String svc) {
        return service(svc).getSpec().getSelector().get("color");
    }

    private static int deadLetters(KafkaBroker broker, Topic topic) {
        return TopicReader.read(broker, topic.deadLetterTopicName(), new ByteArrayDeserializer(), v -> true, 0,
                Duration.ofSeconds(10)).size();
    }

    private static <T extends ReleaseEvent> List<T> awaitType(KafkaBroker broker, String svc, Class<T> type, int expected) {
        await().atMost(WAIT).until(() -> events(broker, svc, 0).stream().filter(type::isInstance).count() >= expected);
        return events(broker, svc, 0).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<ReleaseEvent> awaitEvents(KafkaBroker broker, String svc, int expected) {
        return events(broker, svc, expected);
    }

    private static List<ReleaseEvent> events(KafkaBroker broker, String svc, int expected) {
        return TopicReader.read(broker, Topic.ROLLBACKS.topicName(), new SwitchbackEventDeserializer(),
                (SwitchbackEvent e) -> e instanceof ReleaseEvent r && r.service().equals(svc), expected, WAIT)
                .stream().map(ReleaseEvent.class::cast).toList();
    }
}
