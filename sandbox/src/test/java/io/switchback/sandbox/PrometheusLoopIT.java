package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.HealthBreached;
import io.switchback.events.HealthCheck;
import io.switchback.events.MetricSource;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.SwitchbackEvent;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import io.switchback.testkit.RequiredTool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's {@code run --metric-source prometheus}: the whole loop judged through a real Prometheus server. */
@RealKafka
class PrometheusLoopIT {

    @Test
    void aBadReleaseIsDetectedThroughPrometheusAndRolledBack(KafkaBroker broker, @TempDir Path dir) {
        Path binary = RequiredTool.require(PrometheusServer.BINARY);
        StringWriter out = new StringWriter();
        try (SandboxPrometheus prometheus = SandboxPrometheus.start(binary, dir.resolve("prometheus"));
                Sandbox sandbox = Sandbox.start(new Sandbox.Options(broker.bootstrapServers(), dir,
                        Duration.ofMillis(500), TrafficGenerator.DEFAULT_RATE, "registry.example/checkout:1.4.0", 2,
                        prometheus.healthMonitorSettings(), null, 1))) {
            prometheus.follow(sandbox.cluster().client(), Sandbox.NAMESPACE);
            DemoScript script = new DemoScript(sandbox, new PrintWriter(out, true), Duration.ofSeconds(3));

            Optional<LoopFigures> figures = script.run();

            assertThat(figures).as(out.toString()).isPresent();
            List<SwitchbackEvent> events = LoopIT.events(sandbox);
            HealthBreached breach = LoopIT.breachOf(events, LoopIT.faultySwitch(events));
            assertThat(breach.check()).isEqualTo(HealthCheck.ERROR_RATE);
            assertThat(breach.metricSource()).isEqualTo(MetricSource.PROMETHEUS);
            assertThat(breach.reason()).as("the scrape lag, stated").contains("metrics from Prometheus,");
            RollbackCompleted rollback = events.stream().filter(RollbackCompleted.class::isInstance)
                    .map(RollbackCompleted.class::cast).findFirst().orElseThrow();
            assertThat(rollback.cause().causeEventId()).isEqualTo(breach.eventId());
            assertThat(rollback.restoredImage()).isEqualTo(DemoScript.HEALTHY);
            assertThat(figures.get().onsetToRestored()).isLessThanOrEqualTo(DemoScript.RTO);
        }
    }
}
