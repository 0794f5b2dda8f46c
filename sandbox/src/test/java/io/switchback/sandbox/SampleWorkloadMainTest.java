package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drill's container process: the fault its baked-in image names, on every interface. */
class SampleWorkloadMainTest {

    @Test
    void servesAsTheImageBakedIntoItSaysOnEveryInterface() throws Exception {
        try (SampleWorkload faulty = SampleWorkloadMain.start(Map.of("WORKLOAD_IMAGE",
                "us-docker.pkg.dev/acme/drill/switchback-drill:drill-42-errors-100", "PORT", "0"))) {
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> served = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + faulty.port() + "/")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + faulty.port() + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(faulty.behaviour().version()).isEqualTo("drill-42");
            assertThat(served.statusCode()).as("errors-100: every request fails").isEqualTo(500);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(faulty.address().getAddress().isAnyLocalAddress()).as("every interface, as a pod's").isTrue();
        }
    }
}
