package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.TeamChart;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated traffic through the selector-following router, and what the pods' metrics make of it. */
class TrafficIT {

    private static final String NS = SimulatedCluster.NAMESPACE;
    private static final Duration BOUND = Duration.ofSeconds(30);
    /** kube-proxy's job, done via a watch: the bound for a selector change to take effect. */
    private static final Duration SWITCH_BOUND = Duration.ofMillis(100);
    private static final Pattern OK_COUNT = Pattern.compile(
            "http_server_requests_seconds_count\\{[^}]*status=\"200\"[^}]*} (\\d+)");

    @TempDir
    Path dir;
    SimulatedCluster cluster;
    KubernetesClient client;
    TrafficRouter router;
    TrafficGenerator traffic;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(0, Duration.ofMillis(200), dir);
        client = cluster.client(Identities.TEST);
    }

    @AfterEach
    void stop() {
        if (traffic != null) {
            traffic.close();
        }
        if (router != null) {
            router.close();
        }
        cluster.close();
    }

    @Test
    void readyPodsServeTheTrafficAndTheirMetricsCountIt() throws Exception {
        TeamChart.install(client, NS, "checkout", "registry.example/checkout:1.4.0", 2);
        startTraffic(100);

        await().atMost(BOUND).until(() -> traffic.log().snapshot().stream().filter(TrafficRecord::ok).count() >= 100);
        List<TrafficRecord> seen = traffic.log().snapshot();

        List<Pod> pods = cluster.simulator().podsOf(NS, "checkout-blue");
        assertThat(pods).hasSize(2);
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            long served = seen.stream().filter(r -> name.equals(r.pod()) && r.status() == 200).count();
            assertThat(served).as("round robin reaches " + name).isPositive();
            assertThat(okCount(scrape(pod))).as(name + "'s http_server_requests_seconds_count").isGreaterThanOrEqualTo(served);
        }
        assertThat(seen).filteredOn(TrafficRecord::ok)
                .allSatisfy(r -> {
                    assertThat(r.color()).isEqualTo("blue");
                    assertThat(r.version()).isEqualTo("1.4.0");
                });
        assertThat(scrape(pods.get(0)))
                .contains("resilience4j_circuitbreaker_state{name=\"backend\",state=\"closed\"} 1.0")
                .contains("http_server_requests_seconds_bucket{");
    }

    @Test
    void patchingTheSelectorMovesTheTrafficWithinTheBound() {
        TeamChart.install(client, NS, "checkout", "registry.example/checkout:1.4.0", 1);
        client.apps().deployments().inNamespace(NS)
                .resource(TeamChart.deployment("checkout", "green", "registry.example/checkout:1.5.0", 1))
                .create();
        await().atMost(BOUND).until(() -> cluster.simulator().podsOf(NS, "checkout-green").stream()
                .anyMatch(PodObjects::isReady));
        startTraffic(100);
        await().atMost(BOUND).until(() -> traffic.log().snapshot().stream().anyMatch(r -> "blue".equals(r.color())));

        Instant patched = Instant.now();
        client.services().inNamespace(NS).withName("checkout").edit(s -> new ServiceBuilder(s).editSpec()
                .withSelector(Map.of("app", "checkout", "color", "green")).endSpec().build());
        Instant acknowledged = Instant.now();

        await().atMost(BOUND).until(() -> traffic.log().first(acknowledged.plus(SWITCH_BOUND), r -> true).isPresent());
        assertThat(traffic.log().snapshot()).filteredOn(r -> !r.sentAt().isBefore(acknowledged.plus(SWITCH_BOUND)))
                .as("every request sent %s after the patch was acknowledged goes to green", SWITCH_BOUND)
                .isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.color()).isEqualTo("green");
                    assertThat(r.version()).isEqualTo("1.5.0");
                });
        assertThat(traffic.log().first(patched, r -> "green".equals(r.color()))).isPresent();
    }

    @Test
    void aFaultyTagServesItsErrorRatio() {
        TeamChart.install(client, NS, "checkout", "registry.example/checkout:1.5.0-errors-20", 2);
        startTraffic(200);

        await().atMost(BOUND).until(() -> traffic.log().snapshot().stream().filter(r -> r.pod() != null).count() >= 600);
        List<TrafficRecord> served = traffic.log().snapshot().stream().filter(r -> r.pod() != null).toList();
        double errorRatio = served.stream().filter(r -> r.status() == 500).count() / (double) served.size();
        // 20% over at least 600 responses: three standard deviations are about 4.9 points
        assertThat(errorRatio).isBetween(0.15, 0.25);
        assertThat(served).allSatisfy(r -> assertThat(r.status()).isIn(200, 500));
    }

    @Test
    void trafficMovesOffAPodTheKubeletFindsUnready() {
        TeamChart.install(client, NS, "checkout", "registry.example/checkout:1.4.0", 1);
        // a second Deployment the Service also selects, whose health endpoint fails 2 s after it is ready
        client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder(TeamChart.deployment("checkout",
                "blue", "registry.example/checkout:1.5.0-unready-after-2", 1)).editMetadata().withName("checkout-extra")
                .endMetadata().build()).create();
        startTraffic(100);
        await().atMost(BOUND).until(() -> traffic.log().snapshot().stream().anyMatch(r -> "1.5.0".equals(r.version())));

        await().atMost(BOUND).until(() -> cluster.simulator().podsOf(NS, "checkout-extra").stream()
                .anyMatch(p -> readyStatus(p).equals("False") && p.getStatus().getContainerStatuses().get(0).getState()
                        .getRunning() != null));
        Instant unready = Instant.parse(readyTransition(cluster.simulator().podsOf(NS, "checkout-extra").get(0)));
        Instant after = unready.plus(SWITCH_BOUND);
        await().atMost(BOUND).until(() -> traffic.log().first(after.plusSeconds(1), r -> true).isPresent());

        assertThat(traffic.log().snapshot()).filteredOn(r -> !r.sentAt().isBefore(after))
                .as("every request sent %s after the pod turned unready goes to the ready one", SWITCH_BOUND)
                .isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.version()).isEqualTo("1.4.0");
                    assertThat(r.status()).isEqualTo(200);
                });
        assertThat(traffic.log().between(unready.minusSeconds(2), unready))
                .as("it served until then: only the health endpoint failed").anyMatch(r -> "1.5.0".equals(r.version()));
    }

    private static String readyStatus(Pod pod) {
        return pod.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst()
                .orElseThrow().getStatus();
    }

    private static String readyTransition(Pod pod) {
        return pod.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst()
                .orElseThrow().getLastTransitionTime();
    }

    private void startTraffic(int rate) {
        router = new TrafficRouter(cluster.client(Identities.TRAFFIC_ROUTER), NS, "checkout");
        traffic = TrafficGenerator.start(router, rate);
    }

    private static String scrape(Pod pod) throws IOException, InterruptedException {
        int port = pod.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long okCount(String metrics) {
        Matcher m = OK_COUNT.matcher(metrics);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
