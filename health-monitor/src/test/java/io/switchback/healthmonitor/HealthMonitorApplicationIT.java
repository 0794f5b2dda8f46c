package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.testkit.MockKubernetes;
import io.switchback.testkit.MockKubernetesConfiguration;
import io.switchback.testkit.RealKafka;
import io.switchback.testkit.ServiceProbes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

@RealKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {HealthMonitorApplication.CONFIG_NAME, "switchback.environment=staging"})
@Import(MockKubernetesConfiguration.class)
@MockKubernetes
@DirtiesContext
class HealthMonitorApplicationIT {

    @LocalServerPort
    int port;

    @Value("${spring.application.name}")
    String applicationName;

    @Test
    void servesProbesKafkaHealthAndPrometheusMetrics() {
        ServiceProbes.assertReadyWithKafkaAndScrapable(port, "health-monitor");
        assertThat(applicationName).as("read from health-monitor.yml").isEqualTo("health-monitor");
        assertThat(ServiceProbes.get(port, "/actuator/prometheus").body()).contains("switchback_health_watched_releases");
    }
}
