package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.sandbox.scenario.Scenario;
import io.switchback.sandbox.scenario.ScenarioReport;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short seeded week (docs/invariants.md): two instances of every service, 22 operations of 14 kinds —
 * faulty releases of five fault kinds, a fix during a detection, never-ready and older and duplicate and
 * re-run builds, a manual rollback, a retry, gaps, an instance restarted and instances killed between a
 * cluster write and its event, an API server outage, a person's edits — and not one invariant broken.
 * The long run is in docs/benchmarks.md.
 */
@RealKafka
class ScenarioIT {

    private static final long SEED = 2572;
    private static final Path RECORDING = Path.of("target", "api-calls", "ScenarioIT.tsv");

    @Test
    void aSeededWeekBreaksNoInvariant(KafkaBroker broker, @TempDir Path dir) {
        StringWriter output = new StringWriter();
        Sandbox.Options options = new Sandbox.Options(broker.bootstrapServers(), dir, Duration.ofMillis(500),
                TrafficGenerator.DEFAULT_RATE, "registry.example/checkout:1.4.0", 2, Scenario.serviceSettings(),
                RECORDING, 2);
        ScenarioReport report;
        try (Sandbox sandbox = Sandbox.start(options); PrintWriter out = new PrintWriter(output)) {
            report = new Scenario(sandbox, out, SEED).run(22, Duration.ofMinutes(10));
            report.print(out);
        }

        assertThat(report.violationCount()).as(output.toString()).isZero();
        assertThat(report.operations()).isEqualTo(22);
        assertThat(report.operationsByKind()).as("what the seed plays").hasSize(14)
                .containsKeys("CRASH", "RESTART", "API_OUTAGE", "FAULTY", "FAULTY_THEN_FIX", "MANUAL_ROLLBACK");
        assertThat(report.rollouts().get("rolled back on a breach")).as(output.toString()).isPositive();
        assertThat(report.rollouts().get("stable after their soak")).as("soaks the health monitor passed")
                .isPositive();
        assertThat(report.rollouts().get("false rollbacks (healthy, on a breach)")).isZero();
        assertThat(output.toString()).contains("killed before its event");
    }
}
