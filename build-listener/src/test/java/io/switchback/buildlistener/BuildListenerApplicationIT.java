package io.switchback.buildlistener;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.testkit.RealKafka;
import io.switchback.testkit.ServiceProbes;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

@RealKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {BuildListenerApplication.CONFIG_NAME, TestTrust.IMPORT})
class BuildListenerApplicationIT {

    /** The paths a filter bean saw: Spring Boot maps a filter bean to every path. */
    static final Set<String> FILTERED = ConcurrentHashMap.newKeySet();

    @TestConfiguration
    static class EveryPathFilter {
        @Bean
        Filter everyPath() {
            return (request, response, chain) -> {
                FILTERED.add(((HttpServletRequest) request).getRequestURI());
                chain.doFilter(request, response);
            };
        }
    }

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

    @Test
    void filtersMappedToEveryPathServeSpringMvcNotTheEdge() throws IOException, InterruptedException {
        HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/builds"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> liveness = ServiceProbes.get(port, "/actuator/health/liveness");

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(FILTERED).contains("/actuator/health/liveness").doesNotContain("/v1/builds");
    }
}
