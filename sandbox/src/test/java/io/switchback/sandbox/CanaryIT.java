package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.DeploymentCanaryStarted;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentStage;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HealthBreached;
import io.switchback.events.RollbackCompleted;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary end to end in the sandbox: the real services, the simulated cluster and its traffic. A healthy
 * canary's one pod takes a share of the requests beside the live colour's two, then its colour is scaled up and
 * switched; a bad canary is judged by the health monitor on its own pods, and the deployer removes it while the
 * live colour serves on: no request goes without an endpoint, and no rollback is needed.
 */
@RealKafka
class CanaryIT {

    private static final Path RECORDING = Path.of("target", "api-calls", "CanaryIT.tsv");

    @Test
    void aHealthyCanaryTakesItsShareThenTheTrafficAndABadOneIsRemovedWhileTheLiveColourServes(KafkaBroker broker,
            @TempDir Path dir) {
        Sandbox.Options options = new Sandbox.Options(broker.bootstrapServers(), dir, Duration.ofMillis(300),
                TrafficGenerator.DEFAULT_RATE, "registry.example/checkout:1.4.0", 1, Map.of(
                        "switchback.deployer.canary.replicas", "1",
                        "switchback.deployer.canary.duration", "8s"), RECORDING, 1);
        try (Sandbox sandbox = Sandbox.start(options)) {
            Releases releases = new Releases(sandbox);
            DeploymentTrafficSwitched healthy = releases.release("registry.example/checkout:1.5.0").orElseThrow();
            DeploymentCanaryStarted canary = sandbox.timeline().await(DeploymentCanaryStarted.class,
                    c -> c.deploymentId().equals(healthy.deploymentId()), Duration.ZERO).orElseThrow();
            assertThat(canary.canaryReplicas()).isEqualTo(1);
            assertThat(sandbox.traffic().between(canary.occurredAt(), canary.endsAt()))
                    .as("the canary's pod answered some of the requests while both colours served")
                    .anyMatch(r -> "1.5.0".equals(r.version())).anyMatch(r -> "1.4.0".equals(r.version()));
            assertThat(Duration.between(canary.occurredAt(), healthy.occurredAt()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(8));

            String bad = releases.build("registry.example/checkout:1.6.0-errors-30");
            DeploymentCanaryStarted badCanary = sandbox.timeline().await(DeploymentCanaryStarted.class,
                    c -> c.image().endsWith("1.6.0-errors-30"), Duration.ofSeconds(60)).orElseThrow();
            DeploymentFailed removed = sandbox.timeline().await(DeploymentFailed.class,
                    f -> f.deploymentId().equals(badCanary.deploymentId()), Duration.ofSeconds(60)).orElseThrow();
            assertThat(bad).isNotBlank();
            assertThat(removed.stage()).isEqualTo(DeploymentStage.CANARY);
            assertThat(removed.reason()).matches("the canary breached (error-rate|canary-baseline) .*");
            HealthBreached breach = sandbox.timeline().await(HealthBreached.class,
                    b -> b.deploymentId().equals(badCanary.deploymentId()), Duration.ZERO).orElseThrow();
            assertThat(breach.color()).as("judged on the canary's own pods").isEqualTo(badCanary.color());
            assertThat(Duration.between(badCanary.occurredAt(), removed.occurredAt()))
                    .as("removed before its time was up").isLessThan(Duration.ofSeconds(8));
            assertThat(sandbox.timeline().await(RollbackCompleted.class, r -> true, Duration.ZERO))
                    .as("the live release never needed a rollback").isEmpty();

            Instant end = removed.occurredAt().plusSeconds(2);
            List<TrafficRecord> around = sandbox.traffic().between(healthy.occurredAt(), end);
            assertThat(around).as("traffic flowed").hasSizeGreaterThan(100);
            assertThat(around).as("no request went without an endpoint").noneMatch(TrafficRecord::endpointless);
            assertThat(sandbox.traffic().between(removed.occurredAt().plusMillis(500), end))
                    .as("the live colour alone serves again").allMatch(r -> "1.5.0".equals(r.version()));
        }
    }
}
