package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.RollbackCompleted;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import io.switchback.testkit.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rollback drill's script ({@code scripts/drill/rollback-drill.sh}), which rollback-drill.yml runs against
 * staging every week, run here against the sandbox first: the same build path (a signed build event to the
 * build-listener), the same wait (the status page's build API), the same verdict against the RTO.
 */
@RealKafka
class RollbackDrillIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void aFaultyBuildIsRolledBackWithinTheRtoAndTheDrillSaysSo(KafkaBroker broker, @TempDir Path dir) throws Exception {
        for (String tool : List.of("curl", "jq", "openssl")) {
            RequiredTool.require(tool);
        }
        Sandbox.Options options = new Sandbox.Options(broker.bootstrapServers(), dir, Duration.ofMillis(300),
                TrafficGenerator.DEFAULT_RATE, "registry.example/checkout:1.4.0", 2, Map.of(), null, 1);
        try (Sandbox sandbox = Sandbox.start(options)) {
            Path summary = dir.resolve("summary.md");

            Run drill = drill(sandbox, "registry.example/checkout:1.6.0-errors-50", "120", summary,
                    "--healthy-image", "registry.example/checkout:1.5.0");

            assertThat(drill.exitCode()).as(drill.stderr()).isZero();
            assertThat(drill.stderr()).contains("healthy build", "registry.example/checkout:1.5.0");
            JsonNode rollout = JsonMapper.builder().build().readTree(drill.stdout());
            assertThat(rollout.get("phase").asString()).isEqualTo("rolled back");
            assertThat(rollout.get("rtoMillis").asLong()).isPositive().isLessThan(60_000);
            assertThat(sandbox.timeline().entries()).anySatisfy(e -> assertThat(e.event())
                    .isInstanceOfSatisfying(RollbackCompleted.class, r -> {
                        assertThat(r.deploymentId()).isEqualTo(rollout.get("deploymentId").asString());
                        assertThat(r.restoredImage()).as("back on the drill's own healthy release")
                                .isEqualTo("registry.example/checkout:1.5.0");
                    }));
            assertThat(drill.stderr()).contains("RTO (switch -> traffic restored) " + rollout.get("rtoMillis").asLong()
                    + " ms, within the 60 s objective");
            assertThat(Files.readString(summary)).contains("### Rollback drill: checkout in " + Sandbox.ENVIRONMENT,
                    "**" + rollout.get("rtoMillis").asLong() + " ms**");

            Run healthy = drill(sandbox, "registry.example/checkout:1.7.0", "5", dir.resolve("healthy.md"));

            assertThat(healthy.exitCode()).as("a build nothing rolls back fails the drill: " + healthy.stderr())
                    .isEqualTo(3);
            assertThat(healthy.stderr()).contains("did not reach rolled back in " + Sandbox.ENVIRONMENT);
        }
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private static Run drill(Sandbox sandbox, String image, String timeout, Path summary, String... options)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", REPOSITORY.resolve("scripts/drill/rollback-drill.sh")
                        .toString(), "--url", sandbox.webhookBase().toString(), "--console", sandbox.statusPage().toString(),
                "--credential", SandboxTrust.SENDER, "--service", Sandbox.SERVICE, "--image", image,
                "--environment", Sandbox.ENVIRONMENT, "--rto", "60", "--timeout", timeout));
        command.addAll(List.of(options));
        Path out = Files.createTempFile(summary.getParent(), "drill", ".out");
        Path err = Files.createTempFile(summary.getParent(), "drill", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("GITHUB_") || key.startsWith("SWITCHBACK_"));
        builder.environment().put("SWITCHBACK_SIGNING_SECRET", Files.readString(sandbox.trust().senderSecretFile()));
        builder.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
        Process process = builder.start();
        try {
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the drill ends within its own timeout").isTrue();
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            process.destroyForcibly();
        }
    }
}
