package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchback.events.HealthCheck;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class HealthPropertiesTest {

    @Configuration
    @EnableConfigurationProperties(HealthProperties.class)
    static class Bound {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void theDefaultsAreFastAndTrustworthy() {
        runner.run(context -> {
            HealthProperties properties = context.getBean(HealthProperties.class);
            assertThat(properties.evaluationInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(properties.scrape().connectTimeout()).isEqualTo(Duration.ofMillis(500));
            assertThat(properties.scrape().readTimeout()).isEqualTo(Duration.ofMillis(500));
            assertThat(properties.pods().unreadyGrace()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.rulesFor("checkout")).isEqualTo(new HealthRules(Duration.ofSeconds(1),
                    Duration.ofSeconds(10), 0.01, 0.005, Duration.ofMillis(500), 0.025, 1, 2, Duration.ofSeconds(5),
                    EnumSet.copyOf(ReleaseEvaluator.TRIGGERS)));
        });
    }

    @Test
    void aServiceOverridesTheEnvironmentsSettings() {
        runner.withPropertyValues(
                "switchback.health.error-rate.threshold=0.02",
                "switchback.health.circuit-breaker.enabled=false",
                "switchback.health.pods.unready-grace=3s",
                "switchback.health.services.checkout.pods.unready-grace=20s",
                "switchback.health.detection.false-alarms-per-month=2",
                "switchback.health.services.checkout.window=30s",
                "switchback.health.services.checkout.consecutive-failures=3",
                "switchback.health.services.checkout.detection.false-alarms-per-month=0.5",
                "switchback.health.services.checkout.error-rate.threshold=0.05",
                "switchback.health.services.checkout.error-rate.baseline=0.02",
                "switchback.health.services.checkout.p95-latency.baseline=0.01",
                "switchback.health.services.checkout.error-rate.enabled=true",
                "switchback.health.services.checkout.p95-latency.threshold=1s",
                "switchback.health.services.checkout.p95-latency.enabled=true",
                "switchback.health.services.checkout.circuit-breaker.enabled=true",
                "switchback.health.services.checkout.health-endpoint.enabled=false",
                "switchback.health.services.search.p95-latency.enabled=false",
                "switchback.health.services.search.health-endpoint.enabled=true").run(context -> {
            HealthProperties properties = context.getBean(HealthProperties.class);
            assertThat(properties.rulesFor("checkout")).isEqualTo(new HealthRules(Duration.ofSeconds(1),
                    Duration.ofSeconds(30), 0.05, 0.02, Duration.ofSeconds(1), 0.01, 0.5, 3, Duration.ofSeconds(20),
                    EnumSet.of(HealthCheck.ERROR_RATE, HealthCheck.P95_LATENCY, HealthCheck.CIRCUIT_BREAKER)));
            assertThat(properties.rulesFor("search")).isEqualTo(new HealthRules(Duration.ofSeconds(1),
                    Duration.ofSeconds(10), 0.02, 0.005, Duration.ofMillis(500), 0.025, 2, 2, Duration.ofSeconds(3),
                    EnumSet.of(HealthCheck.ERROR_RATE, HealthCheck.HEALTH_ENDPOINT)));
            assertThat(properties.rulesFor("payments").enabled())
                    .containsExactlyInAnyOrder(HealthCheck.ERROR_RATE, HealthCheck.P95_LATENCY, HealthCheck.HEALTH_ENDPOINT);
        });
    }

    @Test
    void aBadValueStopsStartUpNamingTheKey(CapturedOutput output) {
        assertStartUpFails(output, "switchback.health.error-rate.threshold=1.5", "switchback.health.errorRate.threshold");
        assertStartUpFails(output, "switchback.health.consecutive-failures=0", "switchback.health.consecutiveFailures");
        assertStartUpFails(output, "switchback.health.window=100ms", "switchback.health.window");
        assertStartUpFails(output, "switchback.health.pods.unready-grace=-1s", "switchback.health.pods.unreadyGrace");
        assertStartUpFails(output, "switchback.health.services.checkout.pods.unready-grace=-1s",
                "switchback.health.services[checkout].pods.unreadyGrace");
        assertStartUpFails(output, "switchback.health.services.checkout.consecutive-failures=0",
                "switchback.health.services[checkout].consecutiveFailures");
        assertStartUpFails(output, "switchback.health.p95-latency.baseline=0.05", "switchback.health.p95Latency.baseline");
        assertStartUpFails(output, "switchback.health.detection.false-alarms-per-month=0",
                "switchback.health.detection.falseAlarmsPerMonth");
        assertStartUpFails(output, "switchback.health.services.checkout.detection.false-alarms-per-month=5000",
                "switchback.health.services[checkout].detection.falseAlarmsPerMonth");
        assertStartUpFails(output, "switchback.health.services.checkout.error-rate.threshold=0",
                "switchback.health.services[checkout].errorRate.threshold");
    }

    @Test
    void eachServiceHasAMetricsProfileWithTheEnvironmentsAsDefault() {
        runner.withPropertyValues(
                "switchback.health.metrics.profile=opentelemetry",
                "switchback.health.services.checkout.metrics.profile=spring-boot",
                "switchback.health.services.search.metrics.health-path=/livez",
                "switchback.health.services.search.metrics.health-port=8081",
                "switchback.health.services.legacy.metrics.profile=custom",
                "switchback.health.services.legacy.metrics.names.requests=legacy_hits_total",
                "switchback.health.services.legacy.metrics.names.status-labels=rc",
                "switchback.health.services.legacy.metrics.names.breakers=legacy_breaker_open").run(context -> {
            HealthProperties properties = context.getBean(HealthProperties.class);
            assertThat(properties.metricSource()).isEqualTo(io.switchback.events.MetricSource.DIRECT_SCRAPE);
            assertThat(properties.profileFor("payments").kind()).isEqualTo(MetricsProfile.Kind.OPENTELEMETRY);
            assertThat(properties.profileFor("checkout")).isEqualTo(MetricsProfile.SPRING_BOOT);
            assertThat(properties.profileFor("search").paths()).isEqualTo(new MetricsProfile.Paths("/metrics", "/livez", 8081));
            MetricsProfile legacy = properties.profileFor("legacy");
            assertThat(legacy.traffic().requests()).isEqualTo("legacy_hits_total");
            assertThat(legacy.traffic().statusLabels()).containsExactly("rc");
            assertThat(legacy.breakers()).isEqualTo(new MetricsProfile.Breakers("legacy_breaker_open", null, "open"));

            assertThat(properties.rulesFor("checkout").enabled()).as("Resilience4j's breakers").contains(HealthCheck.CIRCUIT_BREAKER);
            assertThat(properties.rulesFor("payments").enabled()).as("OpenTelemetry has no breaker metric: off")
                    .doesNotContain(HealthCheck.CIRCUIT_BREAKER).contains(HealthCheck.P95_LATENCY);
            assertThat(properties.rulesFor("legacy").enabled()).as("no histogram named: latency off")
                    .contains(HealthCheck.CIRCUIT_BREAKER).doesNotContain(HealthCheck.P95_LATENCY);
        });
    }

    @Test
    void thePrometheusSourceNeedsTheServersUrl() {
        runner.withPropertyValues("switchback.health.metric-source=prometheus",
                "switchback.health.prometheus.url=http://prometheus.monitoring:9090",
                "switchback.health.prometheus.query-timeout=1s").run(context -> {
            HealthProperties properties = context.getBean(HealthProperties.class);
            assertThat(properties.metricSource()).isEqualTo(io.switchback.events.MetricSource.PROMETHEUS);
            assertThat(properties.prometheus().url()).hasToString("http://prometheus.monitoring:9090");
            assertThat(properties.prometheus().queryTimeout()).isEqualTo(Duration.ofSeconds(1));
            assertThat(properties.prometheus().podLabel()).isEqualTo("pod");
        });
    }

    @Test
    void metricsSettingsThatCannotJudgeStopStartUpNamingTheKey(CapturedOutput output) {
        assertStartUpFails(output, "switchback.health.metrics.profile=django", "switchback.health.metrics.profile");
        assertStartUpFails(output, "switchback.health.metrics.health-path=healthz", "switchback.health.metrics.healthPath");
        assertStartUpFails(output, "switchback.health.services.checkout.metrics.names.requests=http requests",
                "switchback.health.services[checkout].metrics.names.requests");
        assertStartUpFails(output, "switchback.health.metric-source=graphite", "switchback.health.metric-source");
        assertStartUpFailsSaying(output, "switchback.health.metric-source=prometheus",
                "switchback.health.prometheus.url must be the server's http(s) URL");
        assertStartUpFailsSaying(output, "switchback.health.services.legacy.metrics.profile=custom",
                "switchback.health.services.legacy.metrics.names.requests must name the request counter");
        assertStartUpFailsSaying(output, "switchback.health.metrics.promql.requests=sum by (pod) (x_total)",
                "must contain $selector");
    }

    @Test
    void aBaselineNotBelowItsThresholdStopsStartUpNamingTheKey(CapturedOutput output) {
        assertStartUpFailsSaying(output, "switchback.health.error-rate.baseline=0.01",
                "switchback.health.error-rate.baseline (0.01) must be below the error-rate threshold that applies to it (0.01)");
        assertStartUpFailsSaying(output, "switchback.health.services.checkout.error-rate.threshold=0.004",
                "switchback.health.services.checkout.error-rate.baseline (0.005) must be below the error-rate threshold"
                        + " that applies to it (0.004)");
    }

    private static void assertStartUpFailsSaying(CapturedOutput output, String property, String message) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Bound.class).web(WebApplicationType.NONE)
                .run("--" + property).close()).isNotNull();
        assertThat(output).contains(message);
    }

    /** What the operator reads is Boot's failure analysis; it names nested keys in their Java form. */
    private static void assertStartUpFails(CapturedOutput output, String property, String key) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Bound.class).web(WebApplicationType.NONE)
                .run("--" + property).close()).isNotNull();
        assertThat(output).contains("Property: " + key);
    }
}
