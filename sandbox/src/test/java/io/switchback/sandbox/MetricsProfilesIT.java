package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchback.events.HealthCheck;
import io.switchback.healthmonitor.HealthProperties;
import io.switchback.healthmonitor.Misconfiguration;
import io.switchback.healthmonitor.MetricsProfile;
import io.switchback.healthmonitor.PodMetrics;
import io.switchback.healthmonitor.Verdict;
import io.switchback.mockapi.MockApiServer;
import io.switchback.testkit.MockKubernetes;
import io.switchback.testkit.RequiredTool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each metrics profile against a real sample endpoint writing that profile's names: the monitor reads exactly the
 * traffic the client sent, from the pod and through a real Prometheus server; a health path that answers 404 is a
 * configuration error.
 */
@MockKubernetes
class MetricsProfilesIT {

    private final MockApiServer server;
    private final KubernetesClient client;
    private final SamplePods pods;
    @TempDir
    Path dir;
    private PrometheusServer prometheus;

    MetricsProfilesIT(MockApiServer server, KubernetesClient client) {
        this.server = server;
        this.client = client;
        this.pods = new SamplePods(client);
    }

    @AfterEach
    void stop() {
        Monitors.stopInformers();
        pods.close();
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = MetricsProfile.Kind.class, names = {"SPRING_BOOT", "OPENTELEMETRY", "PROMETHEUS_CLIENT"})
    void eachProfileReadsTheTrafficTheClientSentFromThePodAndThroughPrometheus(MetricsProfile.Kind kind) {
        String service = "shop-" + kind.ordinal();
        SamplePods.Pod pod = pods.start(service, "r/shop:2.0.0-errors-20-cb-open", kind, 1).get(0);
        pods.send(pod, 120);
        Map<String, String> settings = Map.of("metrics.profile", kind.wire());
        HealthProperties direct = Monitors.health(settings);
        var misconfigurations = Monitors.misconfigurations(new SimpleMeterRegistry());

        PodMetrics scraped = Monitors.source(server, direct, misconfigurations).snapshot(SamplePods.release(service))
                .pods().get(pod.name()).metrics();

        PodMetrics expected = expected(kind, pod);
        assertThat(scraped.requests()).isEqualTo(expected.requests());
        assertThat(scraped.errors()).as("the 5xx the client saw").isEqualTo(expected.errors()).isPositive();
        assertThat(scraped.buckets().get(Double.POSITIVE_INFINITY)).isEqualTo(expected.requests());
        assertThat(scraped.openBreakers()).isEqualTo(expected.openBreakers());

        prometheus = PrometheusServer.start(RequiredTool.require(PrometheusServer.BINARY), dir, Duration.ofSeconds(1));
        prometheus.targets(pods.targets());
        Map<String, String> viaPrometheus = new HashMap<>(settings);
        viaPrometheus.putAll(PrometheusSourceIT.prometheusAt(prometheus.url().toString()));
        HealthProperties promql = Monitors.health(viaPrometheus);
        var source = Monitors.source(server, promql, misconfigurations);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var sample = source.snapshot(SamplePods.release(service)).pods().get(pod.name());
            assertThat(sample.metrics()).as("read through Prometheus").isNotNull();
            assertThat(sample.metrics().requests()).isEqualTo(expected.requests());
            assertThat(sample.metrics().errors()).isEqualTo(expected.errors());
            assertThat(sample.metrics().buckets()).isEqualTo(scraped.buckets());
            assertThat(sample.metrics().openBreakers()).isEqualTo(expected.openBreakers());
        });
    }

    @Test
    void aHealthPathThatAnswers404IsInconclusiveWithTheReasonAndAnAlertNeverABreach() {
        pods.start("search", "r/search:2.0.0", MetricsProfile.Kind.PROMETHEUS_CLIENT, 2);
        HealthProperties health = Monitors.health(Map.of("metrics.profile", "prometheus-client",
                "services.search.metrics.health-path", "/actuator/health"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        var misconfigurations = Monitors.misconfigurations(meters);
        var judge = new Monitors.Judge(SamplePods.release("search"),
                Monitors.source(server, health, misconfigurations), health);

        judge.evaluate();
        judge.evaluate();

        assertThat(judge.verdicts).noneMatch(v -> v.kind() == Verdict.Kind.BREACHED);
        assertThat(judge.verdicts).filteredOn(v -> v.result().check() == HealthCheck.HEALTH_ENDPOINT).singleElement()
                .satisfies(v -> {
                    assertThat(v.kind()).isEqualTo(Verdict.Kind.INCONCLUSIVE);
                    assertThat(v.result().reason()).contains("configuration error",
                            "GET /actuator/health answers 404", "search-green-a", "search-green-b");
                });
        assertThat(meters.get("switchback.health.misconfigured").tag("service", "search")
                .tag("reason", Misconfiguration.HEALTH_PATH_NOT_FOUND.reason()).gauge().value()).isEqualTo(1);
    }

    /** What the pod served, as the profile can see it: Spring Boot's world has a breaker gauge, the others none. */
    private static PodMetrics expected(MetricsProfile.Kind kind, SamplePods.Pod pod) {
        return new PodMetrics(pod.requests().get(), pod.errors().get(), Map.of(),
                kind == MetricsProfile.Kind.SPRING_BOOT ? 1 : 0);
    }
}
