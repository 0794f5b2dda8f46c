package io.switchback.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.Topic;
import io.switchback.testkit.Brokers;
import io.switchback.testkit.StoppableBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's executable jar, run with {@code java -jar} as a person runs it: its help, a settings error as one line
 * with exit status 2, and a watch of a real broker's topics with nothing but its own output on stdout, a record that
 * is no event said on stderr.
 */
class CliJarIT {

    private static final Path JAR = Path.of("..").toAbsolutePath().normalize()
            .resolve("cli/target/switchback-cli-exec.jar");

    record Ran(int status, String out, String err) {
    }

    @Test
    void theJarHelpsComplainsInOneLineAndWatchesTheTopics(@TempDir Path home) throws Exception {
        assertThat(JAR).as("the CLI's executable jar (built by the package phase)").exists();

        Ran help = run(home, Map.of("HOME", home.toString()), "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage: switchback").contains("rollback", "approve", "explain");

        Ran missing = run(home, Map.of("HOME", home.toString()), "history", "checkout");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err().lines()).singleElement().asString()
                .startsWith("switchback: missing setting kafka.bootstrap-servers");

        try (StoppableBroker broker = Brokers.dedicated()) {
            broker.createTopics(1, Arrays.stream(Topic.values()).map(Topic::topicName).toArray(String[]::new));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topic.DEPLOYMENTS.topicName(), "staging/checkout", "not an event"))
                        .get(30, TimeUnit.SECONDS);
            }
            Ran watch = run(home, Map.of("HOME", home.toString(), "SWITCHBACK_KAFKA_BOOTSTRAP_SERVERS",
                    broker.bootstrapServers()), "watch", "--since", "1h", "--for", "PT2S");
            assertThat(watch.status()).as(watch.err()).isZero();
            assertThat(watch.out()).as("no events were written, and the clients' logs are not the CLI's output")
                    .isEmpty();
            assertThat(watch.err()).as("a record that is no event is said on stderr and passed over")
                    .contains("passed over " + Topic.DEPLOYMENTS.topicName() + "-0@0");
        }
    }

    private static Ran run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "cli", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SWITCHBACK_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ran(process.exitValue(), out, Files.readString(err));
    }
}
