package io.switchback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI's settings, errors and help, without a broker or a cluster. */
class CliTest {

    private static final String SECRET = "test-only-operator-secret-0123456789abcdef";

    @Test
    void aMissingSettingIsOneLineNamingTheVariableAndTheFileAndExitTwo(@TempDir Path home) {
        CliRun run = CliRun.of(Map.of("HOME", home.toString()), "watch");

        assertThat(run.status()).isEqualTo(Switchback.SETTINGS);
        assertThat(run.err().strip()).isEqualTo("switchback: missing setting kafka.bootstrap-servers (reading the"
                + " topics): set SWITCHBACK_KAFKA_BOOTSTRAP_SERVERS or kafka.bootstrap-servers in "
                + home.resolve(".config/switchback/cli.properties"));
    }

    @Test
    void aCommandNamesEachMissingSettingInTurnAndNeverTheSecret(@TempDir Path home) throws IOException {
        Path secret = Files.writeString(home.resolve("secret"), SECRET);
        Map<String, String> env = Map.of("HOME", home.toString(), "SWITCHBACK_ENVIRONMENT", "staging");

        assertThat(CliRun.of(env, "rollback", "checkout", "--reason", "r").err())
                .contains("missing setting url", "SWITCHBACK_URL");
        CliRun noCredential = CliRun.of(with(env, "SWITCHBACK_URL", "http://127.0.0.1:9/"), "rollback", "checkout",
                "--reason", "r");
        assertThat(noCredential.err()).contains("missing setting credential", "SWITCHBACK_CREDENTIAL");
        CliRun noSecret = CliRun.of(with(with(env, "SWITCHBACK_URL", "http://127.0.0.1:9/"), "SWITCHBACK_CREDENTIAL",
                "ops"), "rollback", "checkout", "--reason", "r");
        assertThat(noSecret.err()).contains("missing setting secret-file", "SWITCHBACK_SECRET");
        CliRun noKafka = CliRun.of(with(with(with(env, "SWITCHBACK_URL", "http://127.0.0.1:9/"),
                "SWITCHBACK_CREDENTIAL", "ops"), "SWITCHBACK_SECRET_FILE", secret.toString()), "rollback", "checkout",
                "--reason", "r");
        assertThat(noKafka.status()).isEqualTo(Switchback.SETTINGS);
        assertThat(noKafka.err()).contains("missing setting kafka.bootstrap-servers").doesNotContain(SECRET);
    }

    @Test
    void theFileIsReadUnderTheEnvironmentAndPassesKafkaSecuritySettingsThrough(@TempDir Path home)
            throws IOException {
        Path file = Files.writeString(home.resolve("cli.properties"), """
                kafka.bootstrap-servers=from-file:9092
                kafka.security.protocol=SASL_SSL
                env.production.clusters=us-central1=gke-central, us-east1
                cluster.us-east1.kubeconfig=/etc/east.yaml
                kubeconfig=/etc/kube.yaml
                """);
        Settings settings = new Settings(Map.of("SWITCHBACK_CONFIG", file.toString(),
                "SWITCHBACK_KAFKA_BOOTSTRAP_SERVERS", "from-env:9092"));

        assertThat(settings.kafka()).containsEntry("bootstrap.servers", "from-env:9092")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(settings.clusters("production")).containsOnlyKeys("us-central1", "us-east1")
                .containsEntry("us-central1", "gke-central").containsEntry("us-east1", null);
        assertThat(settings.kubeconfig("us-east1")).contains("/etc/east.yaml");
        assertThat(settings.kubeconfig("us-central1")).contains("/etc/kube.yaml");
        assertThat(settings.clusters("staging")).containsOnlyKeys("staging");
    }

    @Test
    void aConfigFileThatIsNotThereIsAnErrorWhenNamed(@TempDir Path home) {
        CliRun run = CliRun.of(Map.of("SWITCHBACK_CONFIG", home.resolve("nope").toString()), "watch");

        assertThat(run.status()).isEqualTo(Switchback.SETTINGS);
        assertThat(run.err()).contains("SWITCHBACK_CONFIG names", "not a readable file");
    }

    @Test
    void sinceTakesHowLongAgoOrAnInstantAndRefusesTheRest() {
        Since since = new Since();

        assertThat(Duration.between(since.convert("15m"), Instant.now())).isBetween(Duration.ofMinutes(15),
                Duration.ofMinutes(16));
        assertThat(since.convert("2026-11-27T10:15:30Z")).isEqualTo(Instant.parse("2026-11-27T10:15:30Z"));
        assertThatThrownBy(() -> since.convert("yesterday")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'yesterday'");
    }

    @Test
    void everyCommandHasHelpAndTheShellCompletionIsGenerated() {
        for (String command : CliDocs.COMMANDS) {
            CliRun help = CliRun.of(Map.of(), command, "--help");
            assertThat(help.status()).as(command).isZero();
            assertThat(help.out()).as(command).startsWith("Usage: switchback " + command);
        }
        CliRun completion = CliRun.of(Map.of(), "generate-completion");
        assertThat(completion.out()).contains("complete -F", "rollback", "approve", "explain");
    }

    @Test
    void docsCliHoldsTheHelpOfEveryCommandAsTheCliPrintsIt() throws IOException {
        String docs = Files.readString(CliDocs.FILE);

        for (String command : CliDocs.COMMANDS) {
            assertThat(docs).as("docs/cli.md should hold `switchback " + command + " --help`; regenerate with"
                    + " -Dswitchback.regenerate=true").contains(CliDocs.help(command));
        }
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, value);
        return copy;
    }
}
