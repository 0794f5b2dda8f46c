package io.switchback.buildlistener;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.testkit.RealKafka;
import io.switchback.testkit.ServiceProbes;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@RealKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {BuildListenerApplication.CONFIG_NAME, TestTrust.IMPORT})
class BuildListenerApplicationIT {

    @LocalServerPort
    int port;

    @Test
    void servesProbesKafkaHealthAndPrometheusMetrics() {
        ServiceProbes.assertReadyWithKafkaAndScrapable(port, "build-listener");
    }

    @Test
    void isReadyOnlyWithItsWindowOfDeliveriesRead() {
        ServiceProbes.assertReadyWithKafkaAndScrapable(port, "build-listener");

        assertThat(ServiceProbes.get(port, "/actuator/health/readiness").body())
                .contains("\"deliveryLedger\":{\"status\":\"UP\"}");
    }
}
