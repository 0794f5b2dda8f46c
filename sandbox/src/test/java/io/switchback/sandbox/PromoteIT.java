package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promotion story across three simulated clusters (staging, production's primary and failover regions), every
 * service real: stable in staging, held for approval in both regions, approved by a signed command, swapped in the
 * primary then the failover, broken during production's soak and rolled back in both within the RTO.
 */
@RealKafka
class PromoteIT {

    @Test
    void aReleaseStableInStagingIsApprovedSwappedInBothRegionsAndRolledBackInBothWhenItFailsInTheSoak(
            KafkaBroker broker, @TempDir Path dir) {
        StringWriter output = new StringWriter();
        Sandbox.Options options = PromoteScript.stagingOptions(new Sandbox.Options(broker.bootstrapServers(), dir,
                java.time.Duration.ofMillis(500), TrafficGenerator.DEFAULT_RATE, "registry.example/checkout:1.4.0", 2,
                Map.of(), null, 1));
        List<ProductionRegion> regions = new ArrayList<>();
        Optional<PromoteScript.Figures> figures;
        try (Sandbox staging = Sandbox.start(options); PrintWriter out = new PrintWriter(output)) {
            try {
                regions.add(ProductionRegion.start(PromoteScript.PRIMARY, null, staging.bootstrapServers(), options,
                        PromoteScript.productionSettings()));
                regions.add(ProductionRegion.start(PromoteScript.FAILOVER, PromoteScript.PRIMARY,
                        staging.bootstrapServers(), options, PromoteScript.productionSettings()));
                PromoteScript script = new PromoteScript(staging, regions, out);
                figures = script.run();
                figures.ifPresent(script::report);
                List<EventTimeline.Entry> switches = staging.timeline().entries().stream()
                        .filter(e -> e.event() instanceof DeploymentTrafficSwitched s
                                && "production".equals(s.environment())).toList();
                assertThat(switches).as(output.toString()).extracting(EventTimeline.Entry::cluster)
                        .containsExactly(PromoteScript.PRIMARY, PromoteScript.FAILOVER);
            } finally {
                regions.forEach(ProductionRegion::close);
            }
        }

        assertThat(figures).as(output.toString()).isPresent();
        assertThat(figures.get().rollbacks()).containsOnlyKeys(PromoteScript.PRIMARY, PromoteScript.FAILOVER);
        assertThat(figures.get().withinRto()).as(output.toString()).isTrue();
        assertThat(figures.get().approvalToFailover()).isGreaterThanOrEqualTo(figures.get().approvalToPrimary());
    }
}
