package io.switchback.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchback.testkit.Brokers;
import io.switchback.testkit.StoppableBroker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/** Kafka health follows the broker: UP while it answers, DOWN once it is gone. */
class KafkaHealthIT {

    @Test
    void healthGoesDownWhenTheBrokerStops() {
        try (StoppableBroker broker = Brokers.dedicated();
                ConfigurableApplicationContext context = new SpringApplicationBuilder(PlatformTestApplication.class)
                        .web(WebApplicationType.NONE)
                        .run("--switchback.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                                "--spring.application.name=health-it",
                                "--switchback.kafka.health-timeout=500ms")) {
            KafkaHealthIndicator health = context.getBean(KafkaHealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails()).containsEntry("nodes", 1);

            broker.close();

            await().atMost(Duration.ofSeconds(30)).until(() -> health.health().getStatus().equals(Status.DOWN));
            assertThat(health.health().getDetails().get("error")).asString().contains("no answer from Kafka");
        }
    }
}
