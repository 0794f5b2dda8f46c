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
                    EnumSet.allOf(HealthCheck.class)));
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
    void aBaselineNotBelowItsThresholdStopsStartUpNamingTheKey(CapturedOutput output) {
        assertStartUpFailsWith(output, "switchback.health.error-rate.baseline=0.01",
                "switchback.health.error-rate.baseline (0.01) must be below the error-rate threshold that applies to it (0.01)");
        assertStartUpFailsWith(output, "switchback.health.services.checkout.error-rate.threshold=0.004",
                "switchback.health.services.checkout.error-rate.baseline (0.005) must be below the error-rate threshold"
                        + " that applies to it (0.004)");
    }

    private static void assertStartUpFailsWith(CapturedOutput output, String property, String message) {
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
