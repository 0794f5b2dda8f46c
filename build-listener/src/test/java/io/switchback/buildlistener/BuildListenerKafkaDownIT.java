package io.switchback.buildlistener;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.testkit.Brokers;
import io.switchback.testkit.StoppableBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** With the broker gone, a valid signed build gets 503 and a Retry-After, never a 2xx. */
class BuildListenerKafkaDownIT {

    @Test
    void answers503WhenKafkaDoesNotAcknowledge() throws Exception {
        try (StoppableBroker broker = Brokers.dedicated();
                ConfigurableApplicationContext context = new SpringApplicationBuilder(BuildListenerApplication.class)
                        .properties(BuildListenerApplication.CONFIG_NAME)
                        .run("--server.port=0", "--switchback.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                                "--switchback.kafka.ack-timeout=1s", "--SWITCHBACK_HMAC_SECRET=" + BuildListenerIT.SECRET)) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            broker.close();
            String body = """
                    {"service":"checkout","image":"r/checkout:1","commit":"7f3a9c1","branch":"main",
                     "workflowRunId":1,"conclusion":"success"}""";

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/v1/builds"))
                    .header("Content-Type", "application/json")
                    .header(SignatureVerifier.HEADER, new SignatureVerifier(BuildListenerIT.SECRET)
                            .header(body.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).contains("5");
            assertThat(response.body()).contains("Kafka did not acknowledge");
        }
    }
}
