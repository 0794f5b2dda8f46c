package io.switchback.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildConclusion;
import io.switchback.events.Color;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentReady;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentStage;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.EventJson;
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
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The deployer against a real broker and a CRUD mock API server: rollouts, redelivery, failure, soak. */
@RealKafka
@EnableKubernetesMockClient(crud = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        DeployerApplication.CONFIG_NAME,
        "switchback.environment=staging",
        "switchback.deployer.pre-switch-health-path=",
        "switchback.deployer.progress-deadline=3s",
        "switchback.deployer.rollback-window=3s",
        "switchback.deployer.soak-check-interval=200ms"})
class DeployerIT {

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

    @BeforeEach
    void teamChart() {
        // the Service (and its record) goes first: the soak sweeper acts on the record of an earlier test
        client.services().inNamespace("default").withName("checkout").delete();
        client.apps().deployments().inNamespace("default").withName("checkout-green").delete();
        client.apps().deployments().inNamespace("default").resource(Fixtures.deployment("blue", Fixtures.GOOD, 2)).createOr(d -> d.update());
        client.services().inNamespace("default").resource(Fixtures.service("blue", true)).create();
        readyMarker = new ReadyMarker(client);
    }

    @AfterEach
    void stopMarker() {
        readyMarker.close();
    }

    @Test
    void aBuildRollsOutSwitchesTrafficAndSoaksAndARedeliveryChangesNothing(KafkaBroker broker) {
        BuildCompleted build = build("registry.example/checkout:1.5.0-" + UUID.randomUUID().toString().substring(0, 6));
        publisher.publish(build);

        List<SwitchbackEvent> events = deploymentEvents(broker, build, 4);
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "DeploymentStarted", "DeploymentReady", "DeploymentTrafficSwitched", "DeploymentStable");
        DeploymentStarted started = (DeploymentStarted) events.get(0);
        assertThat(started.targetColor()).isEqualTo(Color.GREEN);
        assertThat(started.liveImage()).isEqualTo(Fixtures.GOOD);
        assertThat(((DeploymentReady) events.get(1)).readyReplicas()).isEqualTo(2);
        DeploymentTrafficSwitched switched = (DeploymentTrafficSwitched) events.get(2);
        assertThat(switched.previousImage()).isEqualTo(Fixtures.GOOD);
        assertThat(((DeploymentStable) events.get(3)).deploymentId()).isEqualTo(started.deploymentId());

        Service service = client.services().inNamespace("default").withName("checkout").get();
        assertThat(service.getSpec().getSelector()).containsEntry("color", "green");
        assertThat(service.getMetadata().getAnnotations())
                .containsEntry("switchback.io/deployment-id", started.deploymentId())
                .containsEntry("switchback.io/live-image", build.image())
                .containsEntry("switchback.io/previous-color", "blue");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.apps().deployments().inNamespace("default")
                .withName("checkout-blue").get().getSpec().getReplicas() == 0);

        String version = service.getMetadata().getResourceVersion();
        publisher.publish(build);
        BuildCompleted marker = build("registry.example/checkout:marker-" + UUID.randomUUID().toString().substring(0, 6));
        publisher.publish(new BuildCompleted(marker.eventId(), marker.occurredAt(), "checkout", marker.image(),
                marker.commit(), "feature/not-deployed", null, 1, BuildConclusion.SUCCESS, null));
        // the marker is consumed after the redelivery; the offsets show the deployer is past both
        await().atMost(Duration.ofSeconds(20)).until(() -> consumedBuilds(broker));
        assertThat(deploymentEvents(broker, build, 4)).hasSize(4);
        assertThat(client.services().inNamespace("default").withName("checkout").get().getMetadata().getResourceVersion())
                .isEqualTo(version);
    }

    @Test
    void aReleaseThatNeverGetsReadyFailsAndTrafficStays(KafkaBroker broker) {
        BuildCompleted build = build("registry.example/checkout:1.6.0-" + UUID.randomUUID().toString().substring(0, 6)
                + "-unready");
        publisher.publish(build);

        List<SwitchbackEvent> events = deploymentEvents(broker, build, 2);
        assertThat(events.get(1)).isInstanceOfSatisfying(DeploymentFailed.class, failed -> {
            assertThat(failed.stage()).isEqualTo(DeploymentStage.READINESS);
            assertThat(failed.reason()).contains("0 of 2 pods ready after the 3s progress deadline");
            assertThat(failed.trafficColor()).isEqualTo(Color.BLUE);
        });
        assertThat(client.services().inNamespace("default").withName("checkout").get().getSpec().getSelector())
                .containsEntry("color", "blue");
        Deployment green = client.apps().deployments().inNamespace("default").withName("checkout-green").get();
        assertThat(green.getSpec().getReplicas()).isZero();
    }

    @Test
    void servesProbesKafkaHealthAndPrometheusMetrics() {
        ServiceProbes.assertReadyWithKafkaAndScrapable(port, "deployer");
    }

    private static BuildCompleted build(String image) {
        return new BuildCompleted(UUID.randomUUID().toString(), Instant.now(), "checkout", image, "7f3a9c1", "main",
                "acme/checkout", 1, BuildConclusion.SUCCESS, null);
    }

    /** The events of the rollout of this build, in order, once there are at least {@code expected}. */
    private static List<SwitchbackEvent> deploymentEvents(KafkaBroker broker, BuildCompleted build, int expected) {
        String deploymentId = new RolloutPlanner("staging", List.of("main")).deploymentId(build);
        return TopicReader.read(broker, Topic.DEPLOYMENTS.topicName(), new SwitchbackEventDeserializer(),
                e -> deploymentId.equals(EventJson.toTree(e).path("deploymentId").asString()), expected,
                Duration.ofSeconds(30));
    }

    /** Whether the deployer's consumer group has committed everything on the builds topic. */
    private static boolean consumedBuilds(KafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets("switchback-deployer-staging").partitionsToOffsetAndMetadata().get();
            var ends = admin.listOffsets(committed.keySet().stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
            return committed.entrySet().stream().allMatch(e -> e.getValue().offset() >= ends.get(e.getKey()).offset());
        }
    }
}
