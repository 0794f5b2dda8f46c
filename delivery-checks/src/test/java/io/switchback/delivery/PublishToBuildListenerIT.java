package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.buildlistener.BuildListenerApplication;
import io.switchback.delivery.Command.Result;
import io.switchback.events.BuildCompleted;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.SwitchbackEventDeserializer;
import io.switchback.events.Topic;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import io.switchback.testkit.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The action's signing script, run with bash and openssl, against the real build-listener on a real broker. */
@RealKafka
class PublishToBuildListenerIT {

    /** A test-only secret; real ones come from the GitHub environment. */
    private static final String SECRET = "publish-it-only-secret-0123456789abcdef";

    @Test
    void theRealListenerAcceptsWhatTheScriptSignsAndRejectsAWrongSecret(KafkaBroker broker, @TempDir Path dir)
            throws Exception {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        Path body = Files.writeString(dir.resolve("event.json"), """
                {"service":"%s","image":"registry.example/%s:1.5.0","commit":"7f3a9c1","branch":"main",
                 "repository":"acme/%s","workflowRunId":42,"conclusion":"success"}""".formatted(service, service, service));
        try (ConfigurableApplicationContext listener = new SpringApplicationBuilder(BuildListenerApplication.class)
                .properties(BuildListenerApplication.CONFIG_NAME)
                .run("--server.port=0", "--switchback.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "--switchback.build-listener.hmac-secret=" + SECRET)) {
            String url = "http://127.0.0.1:" + ((WebServerApplicationContext) listener).getWebServer().getPort();

            Result accepted = publish(url, body, SECRET);
            Result refused = publish(url, body, SECRET.replace('0', '1'));

            assertThat(accepted.exitCode()).as(accepted.output()).isZero();
            assertThat(accepted.output()).contains("HTTP 202").doesNotContain(SECRET);
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.output()).contains("HTTP 401", "missing or invalid X-Switchback-Signature-256")
                    .doesNotContain(SECRET.replace('0', '1'));
            List<SwitchbackEvent> written = TopicReader.read(broker, Topic.BUILDS.topicName(),
                    new SwitchbackEventDeserializer(), e -> e.key().equals(service), 1, Duration.ofSeconds(30));
            assertThat(written).singleElement().isInstanceOfSatisfying(BuildCompleted.class,
                    b -> assertThat(b.image()).isEqualTo("registry.example/" + service + ":1.5.0"));
        }
    }

    private static Result publish(String url, Path body, String secret) throws Exception {
        return ActionScript.publish().run(Map.of("SWITCHBACK_SIGNING_SECRET", secret),
                "--url", url, "--path", "/v1/builds", "--body-file", body.toString(), "--retry-delay", "0");
    }
}
