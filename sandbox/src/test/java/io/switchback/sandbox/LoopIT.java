package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchback.events.DeploymentReady;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HealthBreached;
import io.switchback.events.HealthCheck;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackStarted;
import io.switchback.events.RollbackTrigger;
import io.switchback.events.SwitchbackEvent;
import io.switchback.mockapi.ApiCall;
import io.switchback.mockapi.ApiCallLog;
import io.switchback.mockapi.Identities;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop on a real broker and the sandbox cluster: a healthy build takes the traffic, a bad one
 * takes it, is detected and rolled back, and traffic really returns to the healthy version.
 */
@RealKafka
class LoopIT {

    /** Read by the delivery checks' RBAC test: the services' calls in the whole loop. */
    private static final Path RECORDING = Path.of("target", "api-calls", "LoopIT.tsv");

    @Test
    void aBadReleaseIsDetectedAndTrafficGoesBack(KafkaBroker broker, @TempDir Path dir) {
        Sandbox.Options options = new Sandbox.Options(broker.bootstrapServers(), dir, Duration.ofMillis(500),
                TrafficGenerator.DEFAULT_RATE, "registry.example/checkout:1.4.0", 2, Map.of(), RECORDING, 1);
        StringWriter out = new StringWriter();
        try (Sandbox sandbox = Sandbox.start(options)) {
            DemoScript script = new DemoScript(sandbox, new PrintWriter(out, true), Duration.ofSeconds(3));

            Optional<LoopFigures> figures = script.run();

            assertThat(figures).as(out.toString()).isPresent();
            List<SwitchbackEvent> events = events(sandbox);
            DeploymentTrafficSwitched bad = faultySwitch(events);
            assertThat(events.stream().filter(e -> bad.deploymentId().equals(deploymentIdOf(e)))
                    .map(e -> e.getClass().getSimpleName()))
                    .containsSubsequence("DeploymentStarted", "DeploymentReady", "DeploymentTrafficSwitched",
                            "HealthBreached", "RollbackStarted", "RollbackCompleted");

            HealthBreached breach = breachOf(events, bad);
            assertThat(breach.check()).isEqualTo(HealthCheck.ERROR_RATE);
            assertThat(breach.observed()).isGreaterThan(breach.threshold());
            assertThat(breach.sampleCount()).isGreaterThanOrEqualTo(breach.minimumSamples());
            RollbackCompleted rollback = events.stream().filter(RollbackCompleted.class::isInstance)
                    .map(RollbackCompleted.class::cast).findFirst().orElseThrow();
            assertThat(rollback.cause().trigger()).isEqualTo(RollbackTrigger.HEALTH_BREACH);
            assertThat(rollback.cause().causeEventId()).isEqualTo(breach.eventId());
            assertThat(rollback.restoredImage()).isEqualTo(DemoScript.HEALTHY);
            assertThat(rollback.timings().faultOnsetAt()).isEqualTo(breach.firstBadAt());
            assertThat(rollback.timings().trafficSwitchedAt()).isAfterOrEqualTo(rollback.timings().decidedAt());

            // ground truth: after the restoration every response came from 1.5.0
            LoopFigures f = figures.get();
            assertThat(sandbox.traffic().snapshot()).filteredOn(r -> !r.sentAt().isBefore(f.restoredAt()))
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.version()).isEqualTo("1.5.0"));
            assertThat(f.onsetToRestored()).isLessThanOrEqualTo(DemoScript.RTO);
            assertThat(sandbox.cluster().client().services().withName("checkout").get().getSpec().getSelector())
                    .containsEntry("color", bad.previousColor().wire());
            // what `kubectl describe service checkout` shows: the switches and the rollback, as Events
            await("Events on the Service").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(sandbox.cluster().client().events().v1().events().inNamespace(Sandbox.NAMESPACE).list()
                            .getItems()).filteredOn(e -> "Service".equals(e.getRegarding().getKind())
                                    && "checkout".equals(e.getRegarding().getName()))
                            .extracting(e -> e.getReason()).contains("TrafficSwitched", "RolledBack"));
        }
        List<ApiCall> calls = ApiCallLog.readTsv(RECORDING);
        assertThat(calls).extracting(ApiCall::identity).as("each service calls as its service account")
                .contains(Identities.DEPLOYER, Identities.HEALTH_MONITOR, Identities.ROLLBACK_CONTROLLER)
                .doesNotContain(ApiCall.ANONYMOUS);
    }

    static List<SwitchbackEvent> events(Sandbox sandbox) {
        return sandbox.timeline().entries().stream().map(EventTimeline.Entry::event).toList();
    }

    /** The switch to the demo's faulty release. */
    static DeploymentTrafficSwitched faultySwitch(List<SwitchbackEvent> events) {
        return events.stream().filter(DeploymentTrafficSwitched.class::isInstance)
                .map(DeploymentTrafficSwitched.class::cast)
                .filter(s -> s.liveImage().equals(DemoScript.FAULTY)).findFirst().orElseThrow();
    }

    static HealthBreached breachOf(List<SwitchbackEvent> events, DeploymentTrafficSwitched release) {
        return events.stream().filter(HealthBreached.class::isInstance).map(HealthBreached.class::cast)
                .filter(b -> b.deploymentId().equals(release.deploymentId())).findFirst().orElseThrow();
    }

    private static String deploymentIdOf(SwitchbackEvent event) {
        if (event instanceof DeploymentStarted e) {
            return e.deploymentId();
        } else if (event instanceof DeploymentReady e) {
            return e.deploymentId();
        } else if (event instanceof DeploymentTrafficSwitched e) {
            return e.deploymentId();
        } else if (event instanceof HealthBreached e) {
            return e.deploymentId();
        } else if (event instanceof RollbackStarted e) {
            return e.deploymentId();
        } else if (event instanceof RollbackCompleted e) {
            return e.deploymentId();
        }
        return null;
    }
}
