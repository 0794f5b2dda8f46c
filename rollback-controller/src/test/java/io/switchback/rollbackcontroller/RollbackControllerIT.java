package io.switchback.rollbackcontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.Color;
import io.switchback.events.EventJson;
import io.switchback.events.HealthBreached;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackFailed;
import io.switchback.events.RollbackRequested;
import io.switchback.events.RollbackSkipped;
import io.switchback.events.RollbackStarted;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.SwitchbackEventDeserializer;
import io.switchback.events.Topic;
import io.switchback.platform.EventPublisher;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.ReadyMarker;
import io.switchback.testkit.RealKafka;
import io.switchback.testkit.ServiceProbes;
import io.switchback.testkit.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The controller against a real broker and a CRUD mock API server. */
@RealKafka
@EnableKubernetesMockClient(crud = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        RollbackControllerApplication.CONFIG_NAME,
        "switchback.environment=staging",
        "switchback.rollback.ready-timeout=3s"})
class RollbackControllerIT {

    static KubernetesClient client;

    @TestConfiguration
    static class MockCluster {
        @Bean
        @Primary
        KubernetesClient mockClient() {
            return client;
        }
    }

    @Autowired
    EventPublisher publisher;
    @LocalServerPort
    int port;
    ReadyMarker readyMarker;
    String deploymentId;

    @BeforeEach
    void greenIsLiveBlueIsWarm() {
        deploymentId = "checkout-staging-" + UUID.randomUUID().toString().substring(0, 8);
        client.apps().deployments().inNamespace("default").delete();
        client.services().inNamespace("default").delete();
        client.apps().deployments().inNamespace("default").resource(deployment("blue", "r/checkout:1.4.0", 2)).create();
        client.apps().deployments().inNamespace("default").resource(deployment("green", "r/checkout:1.5.0", 2)).create();
        ReleaseRecord live = new ReleaseRecord(deploymentId, Color.GREEN, "r/checkout:1.5.0", Color.BLUE,
                "r/checkout:1.4.0", "checkout-staging-before", Instant.now().plusSeconds(900), Instant.now(), null);
        client.services().inNamespace("default").resource(RollbackDecisionTest.service(live)).create();
        readyMarker = new ReadyMarker(client);
    }

    @AfterEach
    void stopMarker() {
        readyMarker.close();
    }

    @Test
    void aBreachOfTheLiveReleaseSwitchesTrafficBackAndADuplicateIsSkipped(KafkaBroker broker) {
        HealthBreached breach = breach();
        publisher.publish(breach);

        List<SwitchbackEvent> events = rollbackEvents(broker, 2);
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
        assertThat(selector()).isEqualTo("blue");
        assertThat(ReleaseRecord.of(client.services().inNamespace("default").withName("checkout").get()).orElseThrow()
                .rolledBackDeploymentId()).isEqualTo(deploymentId);
        // the names the chart's alerts use (docs/operations.md)
        assertThat(ServiceProbes.get(port, "/actuator/prometheus").body())
                .containsPattern("switchback_rollbacks_total\\{environment=\"staging\",outcome=\"completed\","
                        + "service=\"checkout\",trigger=\"health-breach\"}")
                .containsPattern("switchback_rollback_duration_seconds_bucket\\{environment=\"staging\","
                        + "service=\"checkout\",trigger=\"health-breach\",le=\"60\\.0\"}");

        publisher.publish(new HealthBreached(UUID.randomUUID().toString(), Instant.now(), "staging", "checkout",
                deploymentId, Color.GREEN, "r/checkout:1.5.0", breach.check(), 0.06, 0.01, "ratio", 10_000, 900, 50, 3,
                breach.firstBadAt(), breach.metricSource(), null));
        assertThat(rollbackEvents(broker, 3).get(2)).isInstanceOfSatisfying(RollbackSkipped.class,
                skipped -> assertThat(skipped.reason()).contains("already rolled back"));
        assertThat(selector()).isEqualTo("blue");
    }

    @Test
    void aScaledDownPreviousColourIsScaledUpFirst(KafkaBroker broker) {
        client.apps().deployments().inNamespace("default").withName("checkout-blue").scale(0);
        publisher.publish(breach());

        assertThat(rollbackEvents(broker, 2).get(1)).isInstanceOf(RollbackCompleted.class);
        assertThat(client.apps().deployments().inNamespace("default").withName("checkout-blue").get().getSpec()
                .getReplicas()).isEqualTo(2);
        assertThat(selector()).isEqualTo("blue");
    }

    @Test
    void trafficNeverMovesToPodsThatAreNotReady(KafkaBroker broker) {
        client.apps().deployments().inNamespace("default").withName("checkout-blue")
                .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(0).editTemplate().editSpec()
                        .editFirstContainer().withImage("r/checkout:1.4.0-unready").endContainer().endSpec()
                        .endTemplate().endSpec().build());
        publisher.publish(breach());

        assertThat(rollbackEvents(broker, 2).get(1)).isInstanceOfSatisfying(RollbackFailed.class, failed -> {
            assertThat(failed.reason()).contains("checkout-blue is not ready (0 of 2 pods ready after 3s)");
            assertThat(failed.trafficColor()).isEqualTo(Color.GREEN);
        });
        assertThat(selector()).isEqualTo("green");
    }

    @Test
    void anOperatorCanRollBackByCommand(KafkaBroker broker) {
        publisher.publish(new RollbackRequested(UUID.randomUUID().toString(), Instant.now(), "staging", "checkout",
                "payments failing", "octocat", null));

        assertThat(rollbackEvents(broker, 2).get(1)).isInstanceOf(RollbackCompleted.class);
        assertThat(selector()).isEqualTo("blue");
    }

    @Test
    void servesProbesKafkaHealthAndPrometheusMetrics() {
        ServiceProbes.assertReadyWithKafkaAndScrapable(port, "rollback-controller");
    }

    private HealthBreached breach() {
        Instant now = Instant.now();
        return new HealthBreached(UUID.randomUUID().toString(), now, "staging", "checkout", deploymentId, Color.GREEN,
                "r/checkout:1.5.0", io.switchback.events.HealthCheck.ERROR_RATE, 0.052, 0.01, "ratio", 10_000, 1_040,
                50, 2, now.minusSeconds(3), io.switchback.events.MetricSource.DIRECT_SCRAPE, null);
    }

    private String selector() {
        return client.services().inNamespace("default").withName("checkout").get().getSpec().getSelector().get("color");
    }

    private List<SwitchbackEvent> rollbackEvents(KafkaBroker broker, int expected) {
        return TopicReader.read(broker, Topic.ROLLBACKS.topicName(), new SwitchbackEventDeserializer(),
                e -> deploymentId.equals(EventJson.toTree(e).path("deploymentId").asString()), expected,
                Duration.ofSeconds(30));
    }

    private static Deployment deployment(String color, String image, int replicas) {
        Map<String, String> labels = Map.of("app", "checkout", "color", color);
        return new DeploymentBuilder()
                .withNewMetadata().withName("checkout-" + color).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                        .withNewSpec().addNewContainer().withName("checkout").withImage(image).endContainer().endSpec()
                    .endTemplate()
                .endSpec().build();
    }
}
