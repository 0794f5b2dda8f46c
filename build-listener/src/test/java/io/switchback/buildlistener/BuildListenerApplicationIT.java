package io.switchback.buildlistener;

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
}
