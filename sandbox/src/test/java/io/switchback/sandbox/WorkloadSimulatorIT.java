package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The simulator as controllers and kubelet: pods for Deployments, status, scaling, deletion, bad input. */
class WorkloadSimulatorIT {

    private static final String NS = SimulatedCluster.NAMESPACE;
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String GOOD = "registry.example/checkout:1.4.0";

    @TempDir
    Path dir;
    SimulatedCluster cluster;
    KubernetesClient client;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(0, Duration.ofMillis(300), dir);
        client = SimulatedCluster.connect(cluster.kubeconfig());
    }

    @AfterEach
    void stop() {
        client.close();
        cluster.close();
    }

    @Test
    void aDeploymentGetsReadyPodsAndATrueStatus() {
        create(SampleServiceChart.deployment("checkout", "blue", GOOD, 2));

        await().atMost(BOUND).until(() -> readyReplicas("checkout-blue") == 2);
        Deployment deployment = get("checkout-blue");
        assertThat(deployment.getMetadata().getGeneration()).isNotNull();
        assertThat(deployment.getStatus().getObservedGeneration()).isEqualTo(deployment.getMetadata().getGeneration());
        assertThat(deployment.getStatus().getUpdatedReplicas()).isEqualTo(2);
        assertThat(deployment.getStatus().getAvailableReplicas()).isEqualTo(2);
        assertThat(deployment.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Available");
            assertThat(c.getStatus()).isEqualTo("True");
        });
        List<Pod> pods = cluster.simulator().podsOf(NS, "checkout-blue");
        assertThat(pods).hasSize(2).allSatisfy(pod -> {
            assertThat(pod.getMetadata().getLabels()).containsEntry("app", "checkout").containsEntry("color", "blue");
            assertThat(pod.getStatus().getPodIP()).isEqualTo("127.0.0.1");
            assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo(GOOD);
            assertThat(PodObjects.isReady(pod)).isTrue();
        });
    }

    @Test
    void aChangedTemplateReplacesThePodsAndTheStatusFollowsTheGeneration() {
        create(SampleServiceChart.deployment("checkout", "green", GOOD, 1));
        await().atMost(BOUND).until(() -> readyReplicas("checkout-green") == 1);
        String oldPod = cluster.simulator().podsOf(NS, "checkout-green").get(0).getMetadata().getName();
        long oldGeneration = get("checkout-green").getMetadata().getGeneration();

        client.apps().deployments().inNamespace(NS).withName("checkout-green").edit(d -> new DeploymentBuilder(d)
                .editSpec().editTemplate().editSpec().editFirstContainer()
                .withImage("registry.example/checkout:1.5.0").endContainer().endSpec().endTemplate().endSpec().build());

        await().atMost(BOUND).until(() -> {
            Deployment d = get("checkout-green");
            return d.getMetadata().getGeneration() > oldGeneration
                    && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration())
                    && readyReplicas("checkout-green") == 1;
        });
        List<Pod> pods = cluster.simulator().podsOf(NS, "checkout-green");
        assertThat(pods).hasSize(1);
        assertThat(pods.get(0).getMetadata().getName()).isNotEqualTo(oldPod);
        assertThat(pods.get(0).getSpec().getContainers().get(0).getImage()).endsWith(":1.5.0");
    }

    @Test
    void anUnreadyImageNeverTurnsReady() {
        create(SampleServiceChart.deployment("checkout", "green", "registry.example/checkout:1.5.0-unready", 2));

        await().atMost(BOUND).until(() -> cluster.simulator().podsOf(NS, "checkout-green").size() == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> readyReplicas("checkout-green") == 0
                        && cluster.simulator().podsOf(NS, "checkout-green").stream().noneMatch(PodObjects::isReady));
        assertThat(get("checkout-green").getStatus().getReplicas()).isEqualTo(2);
    }

    @Test
    void scalingToZeroStopsThePodsAndDeletingRemovesThem() {
        create(SampleServiceChart.deployment("checkout", "blue", GOOD, 2));
        await().atMost(BOUND).until(() -> readyReplicas("checkout-blue") == 2);
        List<Integer> ports = cluster.simulator().podsOf(NS, "checkout-blue").stream()
                .map(p -> p.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort()).toList();
        assertThat(ports).allSatisfy(port -> assertThat(listening(port)).isTrue());

        client.apps().deployments().inNamespace(NS).withName("checkout-blue").scale(0);

        await().atMost(BOUND).until(() -> cluster.simulator().podsOf(NS, "checkout-blue").isEmpty()
                && get("checkout-blue").getStatus().getReplicas() == null);
        assertThat(ports).allSatisfy(port -> assertThat(listening(port)).as("port " + port + " closed").isFalse());

        client.apps().deployments().inNamespace(NS).withName("checkout-blue").scale(1);
        await().atMost(BOUND).until(() -> readyReplicas("checkout-blue") == 1);

        client.apps().deployments().inNamespace(NS).withName("checkout-blue").delete();
        await().atMost(BOUND).until(() -> cluster.simulator().podsOf(NS, "checkout-blue").isEmpty());
    }

    @Test
    void badInputIsLoggedAndTheSimulatorKeepsWorking() {
        Logger logger = (Logger) LoggerFactory.getLogger(WorkloadSimulator.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            create(new DeploymentBuilder().withNewMetadata().withName("no-template").endMetadata()
                    .withNewSpec().withReplicas(1).endSpec().build());
            create(SampleServiceChart.deployment("odd", "blue", "registry.example/odd:1.0-errors-lots", 1));
            create(SampleServiceChart.deployment("checkout", "blue", GOOD, 1));

            await().atMost(BOUND).until(() -> readyReplicas("checkout-blue") == 1 && readyReplicas("odd-blue") == 1);
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(m -> assertThat(m).contains("default/no-template has no pod template"))
                    .anySatisfy(m -> assertThat(m).contains("default/odd-blue")
                            .contains("'errors' needs a percentage 0..100, got 'lots'"));
            assertThat(cluster.simulator().podsOf(NS, "no-template")).isEmpty();
        } finally {
            logger.detachAppender(logged);
        }
    }

    private void create(Deployment deployment) {
        client.apps().deployments().inNamespace(NS).resource(deployment).create();
    }

    private Deployment get(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    private int readyReplicas(String name) {
        Deployment d = get(name);
        return d == null || d.getStatus() == null || d.getStatus().getReadyReplicas() == null
                ? 0 : d.getStatus().getReadyReplicas();
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
