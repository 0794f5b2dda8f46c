package io.switchback.buildlistener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchback.testkit.Brokers;
import io.switchback.testkit.ServiceProbes;
import io.switchback.testkit.StoppableBroker;
import java.net.http.HttpResponse;
import java.time.Duration;
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
                        .properties(BuildListenerApplication.CONFIG_NAME, TestTrust.IMPORT)
                        .run("--server.port=0", "--switchback.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                                "--switchback.kafka.ack-timeout=1s")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            // as the kubelet does: no traffic before readiness, which waits for Kafka and the deliveries' window
            await().atMost(Duration.ofSeconds(30)).until(() -> ServiceProbes.readinessStatus(port) == 200);
            String commit = BuildListenerIT.newCommit();
            String body = BuildListenerIT.build("checkout", "ghcr.io/acme/checkout:" + commit, commit);
            assertThat(TestTrust.post(port, "/v1/builds", TestTrust.SHOP, TestTrust.SHOP_SECRET, body).statusCode())
                    .as("while the broker is up").isEqualTo(202);
            broker.close();

            HttpResponse<String> response = TestTrust.post(port, "/v1/builds", TestTrust.SHOP, TestTrust.SHOP_SECRET, body);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).contains("5");
            assertThat(response.body()).contains("retry the same delivery");
        }
    }
}
