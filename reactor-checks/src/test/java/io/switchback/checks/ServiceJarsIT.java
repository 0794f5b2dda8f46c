package io.switchback.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchback.testkit.Brokers;
import io.switchback.testkit.ServiceProbes;
import io.switchback.testkit.StoppableBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each service's executable jar, started with {@code java -jar} against a real broker, becomes ready with
 * Kafka UP; when the broker stops, its readiness goes DOWN (503).
 */
class ServiceJarsIT {

    private static final List<String> SERVICES =
            List.of("build-listener", "deployer", "health-monitor", "rollback-controller", "console");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** A trust file as a team keeps it in a Secret: one operator, a test-only secret. */
    private static final Path TRUST = Path.of("target", "service-jars-trust.yml").toAbsolutePath();

    @Test
    void everyServiceJarStartsAgainstKafkaAndReportsTheBrokerGone() throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, Process> processes = new LinkedHashMap<>();
        Files.createDirectories(TRUST.getParent());
        Files.writeString(TRUST, """
                switchback.build-listener.operators:
                  - identity: service-jars-it
                    secrets: [service-jars-it-only-secret-0123456789]
                """);
        try (StoppableBroker broker = Brokers.dedicated()) {
            for (String service : SERVICES) {
                int port = freePort();
                ports.put(service, port);
                processes.put(service, start(service, port, broker.bootstrapServers()));
            }
            for (String service : SERVICES) {
                await(service + " up").atMost(Duration.ofSeconds(120))
                        .until(() -> !processes.get(service).isAlive() || ServiceProbes.readinessStatus(ports.get(service)) == 200);
                assertThat(processes.get(service).isAlive()).as(service + " running; see " + log(service)).isTrue();
                ServiceProbes.assertReadyWithKafkaAndScrapable(ports.get(service), service);
            }

            broker.close();

            for (String service : SERVICES) {
                await(service + " not ready once Kafka is gone").atMost(Duration.ofSeconds(60))
                        .until(() -> ServiceProbes.readinessStatus(ports.get(service)) == 503);
                assertThat(ServiceProbes.get(ports.get(service), "/actuator/health/liveness").statusCode())
                        .as(service + " stays live: a broker outage must not restart pods").isEqualTo(200);
            }
        } finally {
            processes.values().forEach(Process::destroy);
            for (Process process : processes.values()) {
                process.onExit().join();
            }
        }
    }

    private static Process start(String service, int port, String bootstrapServers) throws IOException {
        Path jar = ROOT.resolve(service).resolve("target").resolve("switchback-" + service + "-exec.jar");
        assertThat(jar).as("executable jar of " + service + " (built by the package phase)").exists();
        Files.createDirectories(log(service).getParent());
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log(service).toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("SWITCHBACK_KAFKA_HEALTHTIMEOUT", "1s");
        builder.environment().put("SWITCHBACK_ENVIRONMENT", "staging");
        // the build-listener imports its trust file as the chart has it do; a test-only secret, real ones in a Secret
        builder.environment().put("SPRING_CONFIG_IMPORT", "file:" + TRUST);
        return builder.start();
    }

    private static Path log(String service) {
        return Path.of("target", "service-logs", service + ".log").toAbsolutePath();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
