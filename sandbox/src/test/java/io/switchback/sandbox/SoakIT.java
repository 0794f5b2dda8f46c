package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HealthSoakPassed;
import io.switchback.mockapi.ApiCall;
import io.switchback.mockapi.ApiCallLog;
import io.switchback.mockapi.Identities;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of a soak, with the window compressed to seconds: the previous colour is scaled down (a guarded
 * patch of the Deployment's replicas, as the chart's RBAC must allow); the calls are recorded for the
 * delivery checks.
 */
@RealKafka
class SoakIT {

    private static final Path RECORDING = Path.of("target", "api-calls", "SoakIT.tsv");

    @Test
    void afterTheRollbackWindowThePreviousColourIsScaledDown(KafkaBroker broker, @TempDir Path dir) {
        Sandbox.Options options = new Sandbox.Options(broker.bootstrapServers(), dir, Duration.ofMillis(300),
                TrafficGenerator.DEFAULT_RATE, "registry.example/checkout:1.4.0", 1, Map.of(
                        "switchback.deployer.rollback-window", "3s",
                        "switchback.deployer.reconcile-interval", "500ms"), RECORDING, 1);
        try (Sandbox sandbox = Sandbox.start(options)) {
            Optional<DeploymentTrafficSwitched> switched = new Releases(sandbox).release("registry.example/checkout:1.5.0");
            assertThat(switched).as("1.5.0 takes the traffic").isPresent();

            Optional<DeploymentStable> stable = sandbox.timeline().await(DeploymentStable.class,
                    s -> s.deploymentId().equals(switched.get().deploymentId()), Duration.ofSeconds(60));

            assertThat(stable).as("the soak ends").isPresent();
            HealthSoakPassed passed = sandbox.timeline().await(HealthSoakPassed.class,
                    p -> p.deploymentId().equals(switched.get().deploymentId()), Duration.ofSeconds(5)).orElseThrow();
            assertThat(stable.get().occurredAt()).as("stable only on the health monitor's pass")
                    .isAfterOrEqualTo(passed.occurredAt());
            assertThat(passed.judgedHealthyMs()).isGreaterThanOrEqualTo(passed.requiredMs());
            String previous = "checkout-" + switched.get().previousColor().wire();
            await("the previous colour is scaled down").atMost(Duration.ofSeconds(10)).until(() -> sandbox.cluster()
                    .client().apps().deployments().inNamespace(Sandbox.NAMESPACE).withName(previous).get().getSpec()
                    .getReplicas() == 0);
        }
        assertThat(ApiCallLog.readTsv(RECORDING)).filteredOn(c -> c.identity().equals(Identities.DEPLOYER))
                .filteredOn(c -> c.verb().equals("patch")).extracting(ApiCall::rbacResource).contains("deployments");
    }
}
