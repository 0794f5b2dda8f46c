package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.buildlistener.BuildListenerApplication;
import io.switchback.delivery.Command.Result;
import io.switchback.events.BuildCompleted;
import io.switchback.events.RollbackRequested;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.SwitchbackEventDeserializer;
import io.switchback.events.Topic;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import io.switchback.testkit.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The action's scripts, run with bash, jq, openssl and curl, against the real build-listener on a real broker,
 * trusting exactly what a trust file says: imported with {@code spring.config.import} as the chart does.
 */
@RealKafka
class PublishToBuildListenerIT {

    /** Test-only secrets; real ones live in the trust file's Secret and the senders' GitHub secrets. */
    private static final String SENDER_SECRET = "publish-it-sender-secret-0123456789abcdef";
    private static final String OPERATOR_SECRET = "publish-it-operator-secret-0123456789abcd";
    private static final String OPERATOR = "ops-oncall";

    @Test
    void theRealListenerTakesWhatTheScriptsSignAndRefusesWhatTheTrustFileDoesNotAllow(KafkaBroker broker,
            @TempDir Path dir) throws Exception {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String repository = "acme/" + service;
        Path trust = Files.writeString(dir.resolve("trust.yml"), """
                switchback:
                  build-listener:
                    senders:
                      - repository: %s
                        secrets: ["%s"]
                        services: [%s]
                        registries: [registry.example]
                    operators:
                      - identity: %s
                        secrets: ["%s"]
                """.formatted(repository, SENDER_SECRET, service, OPERATOR, OPERATOR_SECRET));
        Path build = build(dir, "build.json", service, repository);
        Path notItsService = build(dir, "other.json", "payments", repository);
        Path rollback = body(dir, "rollback.json", "rollback", "--environment", "staging", "--service", service,
                "--reason", "errors [GitHub: octocat, run 42]");
        String delivery = "publish-it-" + UUID.randomUUID();
        try (ConfigurableApplicationContext listener = new SpringApplicationBuilder(BuildListenerApplication.class)
                .properties(BuildListenerApplication.CONFIG_NAME)
                .run("--server.port=0", "--switchback.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "--spring.config.import=file:" + trust)) {
            String url = "http://127.0.0.1:" + ((WebServerApplicationContext) listener).getWebServer().getPort();

            Result accepted = publish(url, "/v1/builds", build, repository, SENDER_SECRET, "--delivery", delivery);
            Result again = publish(url, "/v1/builds", build, repository, SENDER_SECRET, "--delivery", delivery);
            Result wrongSecret = publish(url, "/v1/builds", build, repository, SENDER_SECRET.replace('0', '1'));
            Result foreign = publish(url, "/v1/builds", notItsService, repository, SENDER_SECRET);
            Result buildCredentialCommands = publish(url, "/v1/commands/rollback", rollback, repository, SENDER_SECRET);
            Result operatorRollback = publish(url, "/v1/commands/rollback", rollback, OPERATOR, OPERATOR_SECRET);

            assertThat(accepted.exitCode()).as(accepted.output()).isZero();
            assertThat(accepted.output()).contains("HTTP 202", "\"accepted\"").doesNotContain(SENDER_SECRET);
            assertThat(again.exitCode()).as(again.output()).isZero();
            assertThat(again.output()).as("the same delivery once more").contains("HTTP 200", "\"duplicate\"");
            assertThat(wrongSecret.exitCode()).isNotZero();
            assertThat(wrongSecret.output()).contains("HTTP 401", "not retried")
                    .doesNotContain(SENDER_SECRET.replace('0', '1'));
            assertThat(foreign.exitCode()).isNotZero();
            assertThat(foreign.output()).as("a service the repository does not own").contains("HTTP 403");
            assertThat(buildCredentialCommands.exitCode()).isNotZero();
            assertThat(buildCredentialCommands.output()).as("a build credential on a command").contains("HTTP 403");
            assertThat(operatorRollback.exitCode()).as(operatorRollback.output()).isZero();
            assertThat(operatorRollback.output()).contains("HTTP 202").doesNotContain(OPERATOR_SECRET);

            List<SwitchbackEvent> builds = TopicReader.read(broker, Topic.BUILDS.topicName(),
                    new SwitchbackEventDeserializer(), e -> e.key().equals(service), 1, Duration.ofSeconds(30));
            assertThat(builds).singleElement().isInstanceOfSatisfying(BuildCompleted.class,
                    b -> assertThat(b.image()).isEqualTo("registry.example/" + service + ":1.5.0"));
            List<SwitchbackEvent> commands = TopicReader.read(broker, Topic.COMMANDS.topicName(),
                    new SwitchbackEventDeserializer(),
                    e -> e instanceof RollbackRequested r && r.service().equals(service), 1, Duration.ofSeconds(30));
            assertThat(commands).singleElement().isInstanceOfSatisfying(RollbackRequested.class, r -> {
                assertThat(r.requestedBy()).as("from the operator credential").isEqualTo(OPERATOR);
                assertThat(r.reason()).contains("octocat");
            });
        }
    }

    private static Path build(Path dir, String file, String service, String repository) throws Exception {
        return body(dir, file, "build", "--service", service, "--image", "registry.example/" + service + ":1.5.0",
                "--commit", "7f3a9c1", "--branch", "main", "--repository", repository, "--workflow-run-id", "42",
                "--run-attempt", "1", "--conclusion", "success");
    }

    private static Path body(Path dir, String file, String... args) throws Exception {
        Result result = ActionScript.eventBody().run(Map.of(), args);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return Files.writeString(dir.resolve(file), result.stdout());
    }

    private static Result publish(String url, String path, Path body, String credential, String secret,
            String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--url", url, "--path", path,
                "--body-file", body.toString(), "--credential", credential, "--retry-delay", "0"));
        args.addAll(List.of(extra));
        return ActionScript.publish().run(Map.of("SWITCHBACK_SIGNING_SECRET", secret), args.toArray(String[]::new));
    }
}
