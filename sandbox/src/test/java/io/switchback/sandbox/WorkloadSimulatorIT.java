package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.switchback.mockapi.ApiCall;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.TeamChart;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The simulator as controllers and kubelet, seen through the API by a client: pods for Deployments, readiness
 * from probes, crash loops and restarts, status, scaling, deletion, bad input, an API server outage.
 */
class WorkloadSimulatorIT {

    private static final String NS = SimulatedCluster.NAMESPACE;
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String GOOD = "registry.example/checkout:1.4.0";
    private static final Duration BACKOFF = Duration.ofMillis(700);

    @TempDir
    Path dir;
    SimulatedCluster cluster;
    KubernetesClient client;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(0, Duration.ofMillis(300), BACKOFF, dir);
        client = cluster.client(Identities.TEST);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aDeploymentGetsReadyPodsAndATrueStatus() {
        create(TeamChart.deployment("checkout", "blue", GOOD, 2));

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
            ContainerStatus container = pod.getStatus().getContainerStatuses().get(0);
            assertThat(container.getRestartCount()).isZero();
            assertThat(container.getState().getRunning().getStartedAt()).isNotNull();
            assertThat(Instant.parse(readyCondition(pod).getLastTransitionTime()))
                    .isAfterOrEqualTo(Instant.parse(container.getState().getRunning().getStartedAt()));
        });
    }

    @Test
    void anUnreadyAfterImageLosesReadinessThroughItsProbeAndKeepsServing() throws Exception {
        create(TeamChart.deployment("checkout", "green", "registry.example/checkout:1.5.0-unready-after-1", 1));
        await().atMost(BOUND).until(() -> readyReplicas("checkout-green") == 1);
        Pod ready = cluster.simulator().podsOf(NS, "checkout-green").get(0);
        Instant becameReady = Instant.parse(readyCondition(ready).getLastTransitionTime());

        // health fails 1 s after readiness; the chart's probe (every 1 s, 2 failures) then marks it unready
        await().atMost(BOUND).until(() -> readyReplicas("checkout-green") == 0);
        Pod unready = cluster.simulator().podsOf(NS, "checkout-green").get(0);
        Instant becameUnready = Instant.parse(readyCondition(unready).getLastTransitionTime());
        assertThat(readyCondition(unready).getStatus()).isEqualTo("False");
        assertThat(Duration.between(becameReady, becameUnready)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(unready.getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
        Deployment deployment = get("checkout-green");
        assertThat(deployment.getStatus().getUnavailableReplicas()).isEqualTo(1);
        assertThat(deployment.getStatus().getAvailableReplicas()).isNull();
        assertThat(deployment.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Available");
            assertThat(c.getStatus()).isEqualTo("False");
        });
        int port = unready.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort();
        assertThat(http(port, "/")).isEqualTo(200);
        assertThat(http(port, "/actuator/health")).isEqualTo(503);
    }

    @Test
    void aCrashAfterImageCrashLoopsAndAClientSeesTheRestarts() {
        List<Pod> seen = new CopyOnWriteArrayList<>();
        List<Boolean> listeningWhileWaiting = new CopyOnWriteArrayList<>();
        SharedIndexInformer<Pod> watch = client.pods().inNamespace(NS).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                seen.add(pod);
            }

            @Override
            public void onUpdate(Pod before, Pod pod) {
                seen.add(pod);
                ContainerStatus container = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                        ? null : pod.getStatus().getContainerStatuses().get(0);
                if (container != null && container.getState().getWaiting() != null
                        && "CrashLoopBackOff".equals(container.getState().getWaiting().getReason())) {
                    listeningWhileWaiting.add(listening(
                            pod.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort()));
                }
            }

            @Override
            public void onDelete(Pod pod, boolean unknown) {
            }
        });
        try {
            create(TeamChart.deployment("checkout", "green", "registry.example/checkout:1.5.0-crash-after-1", 1));

            await().atMost(BOUND).until(() -> restartCount() >= 2 && readyReplicas("checkout-green") == 1);
        } finally {
            watch.close();
        }
        ContainerStatus container = cluster.simulator().podsOf(NS, "checkout-green").get(0).getStatus()
                .getContainerStatuses().get(0);
        assertThat(container.getLastState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(container.getLastState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(listeningWhileWaiting).as("a crashed container's port refuses connections").isNotEmpty()
                .containsOnly(false);
        assertThat(seen).as("not ready while it waits to restart").filteredOn(p -> p.getStatus() != null
                        && p.getStatus().getContainerStatuses() != null
                        && p.getStatus().getContainerStatuses().get(0).getState().getWaiting() != null
                        && p.getStatus().getContainerStatuses().get(0).getRestartCount() > 0)
                .isNotEmpty().allSatisfy(p -> assertThat(PodObjects.isReady(p)).isFalse());
        assertThat(seen).extracting(p -> p.getStatus() == null || p.getStatus().getContainerStatuses() == null
                ? 0 : p.getStatus().getContainerStatuses().get(0).getRestartCount()).isSorted();
    }

    @Test
    void inAnApiServerOutageTheServicesGet503AndThePodsKeepRunning() {
        create(TeamChart.deployment("checkout", "blue", GOOD, 2));
        await().atMost(BOUND).until(() -> readyReplicas("checkout-blue") == 2);
        List<Integer> ports = cluster.simulator().podsOf(NS, "checkout-blue").stream()
                .map(p -> p.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort()).toList();

        cluster.unavailableFor(Duration.ofSeconds(2));
        Instant outage = Instant.now();
        KubernetesClient deployer = cluster.client(Identities.DEPLOYER);
        catchThrowable(() -> deployer.apps().deployments().inNamespace(NS).withName("checkout-blue").get());

        assertThat(cluster.apiServer().calls().calls(Identities.DEPLOYER)).extracting(ApiCall::code).contains(503);
        assertThat(cluster.client().apps().deployments().inNamespace(NS).withName("checkout-blue").get().getStatus()
                .getReadyReplicas()).as("the sandbox's own look at ground truth").isEqualTo(2);
        assertThat(ports).allSatisfy(port -> assertThat(listening(port)).isTrue());
        await("the outage ends").atMost(BOUND).until(() -> cluster.apiServer().unavailableUntil().isBefore(Instant.now()));
        assertThat(deployer.apps().deployments().inNamespace(NS).withName("checkout-blue").get()).isNotNull();
        assertThat(Duration.between(outage, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    private int restartCount() {
        return cluster.simulator().podsOf(NS, "checkout-green").stream()
                .mapToInt(p -> p.getStatus().getContainerStatuses().get(0).getRestartCount()).max().orElse(0);
    }

    private static PodCondition readyCondition(Pod pod) {
        return pod.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
    }

    private static int http(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aChangedTemplateReplacesThePodsAndTheStatusFollowsTheGeneration() {
        create(TeamChart.deployment("checkout", "green", GOOD, 1));
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
        create(TeamChart.deployment("checkout", "green", "registry.example/checkout:1.5.0-unready", 2));

        await().atMost(BOUND).until(() -> cluster.simulator().podsOf(NS, "checkout-green").size() == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> readyReplicas("checkout-green") == 0
                        && cluster.simulator().podsOf(NS, "checkout-green").stream().noneMatch(PodObjects::isReady));
        assertThat(get("checkout-green").getStatus().getReplicas()).isEqualTo(2);
    }

    @Test
    void scalingToZeroStopsThePodsAndDeletingRemovesThem() {
        create(TeamChart.deployment("checkout", "blue", GOOD, 2));
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
        Logger logger = (Logger) LoggerFactory.getLogger(WorkloadSimulator.class.getPackageName());
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            create(new DeploymentBuilder().withNewMetadata().withName("no-template").endMetadata()
                    .withNewSpec().withReplicas(1).endSpec().build());
            create(TeamChart.deployment("odd", "blue", "registry.example/odd:1.0-errors-lots", 1));
            create(TeamChart.deployment("checkout", "blue", GOOD, 1));

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
