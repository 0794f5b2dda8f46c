package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchback.events.HealthCheck;
import io.switchback.healthmonitor.HealthProperties;
import io.switchback.healthmonitor.MetricsProfile;
import io.switchback.healthmonitor.PodMetrics;
import io.switchback.healthmonitor.ReleaseSnapshot;
import io.switchback.healthmonitor.Verdict;
import io.switchback.mockapi.MockApiServer;
import io.switchback.testkit.MockKubernetes;
import io.switchback.testkit.RequiredTool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PromQL source against the real Prometheus server scraping real sample pods every second, judged side by side
 * with the direct scrape of the same pods on the same traffic.
 */
@MockKubernetes
class PrometheusSourceIT {

    static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

    private final MockApiServer server;
    private final KubernetesClient client;
    @TempDir
    Path dir;
    private SamplePods pods;
    private PrometheusServer prometheus;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

    PrometheusSourceIT(MockApiServer server, KubernetesClient client) {
        this.server = server;
        this.client = client;
    }

    @BeforeEach
    void start() {
        Path binary = RequiredTool.require(PrometheusServer.BINARY);
        pods = new SamplePods(client);
        prometheus = PrometheusServer.start(binary, dir, SCRAPE_INTERVAL);
    }

    @AfterEach
    void stop() {
        Monitors.stopInformers();
        loop.shutdownNow();
        if (pods != null) {
            pods.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void aFaultyReleaseBreachesFromBothSourcesAndAHealthyOneFromNeither() {
        pods.start("checkout", "r/checkout:2.0.0", MetricsProfile.Kind.SPRING_BOOT, 2);
        pods.start("orders", "r/orders:2.0.0-errors-20", MetricsProfile.Kind.SPRING_BOOT, 2);
        prometheus.targets(pods.targets());
        pods.steadyTraffic(Duration.ofMillis(40));
        HealthProperties direct = Monitors.health(Map.of());
        HealthProperties promql = Monitors.health(prometheusAt(prometheus.url().toString()));
        var misconfigurations = Monitors.misconfigurations(new SimpleMeterRegistry());
        List<Monitors.Judge> judges = List.of(
                new Monitors.Judge(SamplePods.release("checkout"), Monitors.source(server, direct, misconfigurations), direct),
                new Monitors.Judge(SamplePods.release("checkout"), Monitors.source(server, promql, misconfigurations), promql),
                new Monitors.Judge(SamplePods.release("orders"), Monitors.source(server, direct, misconfigurations), direct),
                new Monitors.Judge(SamplePods.release("orders"), Monitors.source(server, promql, misconfigurations), promql));
        loop.scheduleAtFixedRate(() -> judges.forEach(Monitors.Judge::evaluate), 0, 1, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(judges.get(2).has(Verdict.Kind.BREACHED, HealthCheck.ERROR_RATE)).as("orders, direct").isTrue();
            assertThat(judges.get(3).has(Verdict.Kind.BREACHED, HealthCheck.ERROR_RATE)).as("orders, Prometheus").isTrue();
        });
        // the healthy release was judged as long, on the same traffic, by both sources
        assertThat(judges.get(0).verdicts).noneMatch(v -> v.kind() == Verdict.Kind.BREACHED);
        assertThat(judges.get(1).verdicts).noneMatch(v -> v.kind() == Verdict.Kind.BREACHED);
        assertThat(judges.get(3).verdicts).filteredOn(v -> v.kind() == Verdict.Kind.BREACHED)
                .noneMatch(v -> v.result().check() == HealthCheck.HEALTH_ENDPOINT);

        // the breach can come before Prometheus scraped every pod once: compare once it has series for both
        ReleaseSnapshot throughPrometheus = await().atMost(Duration.ofSeconds(10)).until(
                () -> judges.get(1).source.snapshot(judges.get(1).release),
                snapshot -> List.of("checkout-green-a", "checkout-green-b").stream()
                        .allMatch(pod -> snapshot.pods().containsKey(pod) && snapshot.pods().get(pod).scraped()));
        ReleaseSnapshot fromPods = judges.get(0).source.snapshot(judges.get(0).release);
        assertThat(throughPrometheus.metricsAge()).as("the scrape lag, stated")
                .isNotNull().isLessThan(Duration.ofSeconds(10));
        for (String pod : List.of("checkout-green-a", "checkout-green-b")) {
            PodMetrics scraped = fromPods.pods().get(pod).metrics();
            PodMetrics queried = throughPrometheus.pods().get(pod).metrics();
            assertThat(queried.requests()).as("Prometheus' counters trail the pod's by its lag only")
                    .isPositive().isLessThanOrEqualTo(scraped.requests())
                    .isGreaterThan(scraped.requests() - 25 * (throughPrometheus.metricsAge().toSeconds() + 3));
            assertThat(queried.buckets()).containsKey(Double.POSITIVE_INFINITY);
        }
    }

    @Test
    void prometheusDownOrSilentIsMissingDataNeverABreach() throws IOException {
        pods.start("orders", "r/orders:2.0.0-errors-50", MetricsProfile.Kind.SPRING_BOOT, 2);
        prometheus.targets(pods.targets());
        pods.steadyTraffic(Duration.ofMillis(20));
        prometheus.close();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            for (String url : List.of(prometheus.url().toString(), "http://127.0.0.1:" + silent.getLocalPort())) {
                Map<String, String> settings = new java.util.HashMap<>(prometheusAt(url));
                settings.put("prometheus.query-timeout", "300ms");
                HealthProperties health = Monitors.health(settings);
                var judge = new Monitors.Judge(SamplePods.release("orders"),
                        Monitors.source(server, health, Monitors.misconfigurations(new SimpleMeterRegistry())), health);

                for (int i = 0; i < 3; i++) {
                    judge.evaluate();
                }

                assertThat(judge.verdicts).as(url).noneMatch(v -> v.kind() == Verdict.Kind.BREACHED);
                assertThat(judge.has(Verdict.Kind.INCONCLUSIVE, HealthCheck.ERROR_RATE)).as(url).isTrue();
                assertThat(judge.has(Verdict.Kind.INCONCLUSIVE, HealthCheck.HEALTH_ENDPOINT))
                        .as("the pods still answer their health endpoint").isFalse();
            }
        }
    }

    static Map<String, String> prometheusAt(String url) {
        return Map.of("metric-source", "prometheus", "prometheus.url", url);
    }
}
