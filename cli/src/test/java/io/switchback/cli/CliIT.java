package io.switchback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.EventJson;
import io.switchback.events.RollbackCompleted;
import io.switchback.mockapi.Identities;
import io.switchback.sandbox.CliLines;
import io.switchback.sandbox.Releases;
import io.switchback.sandbox.Sandbox;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every read command and the rollback and retry commands against the sandbox: a real broker, the four services and
 * the simulated cluster, with the settings the sandbox's `run` prints.
 */
@RealKafka
class CliIT {

    private static final String HEALTHY = "registry.example/checkout:1.5.0";
    private static final String NEXT = "registry.example/checkout:1.5.1";
    private static final String FAULTY = "registry.example/checkout:1.6.0-errors-5";
    private static final String NEVER_READY = "registry.example/checkout:1.7.0-unready";
    private static final Duration STEP = Duration.ofSeconds(90);

    @Test
    void followsReadsExplainsAndOperatesTheSandbox(KafkaBroker broker, @TempDir Path dir) {
        Sandbox.Options options = new Sandbox.Options(broker.bootstrapServers(), dir, Duration.ofMillis(500), 50,
                "registry.example/checkout:1.4.0", 2, Map.of(), null, 1)
                .withServices(1, Map.of("switchback.deployer.progress-deadline", "8s"));
        try (Sandbox sandbox = Sandbox.start(options)) {
            Map<String, String> env = new HashMap<>(CliLines.environment(sandbox));
            env.put("HOME", dir.toString());
            Releases releases = new Releases(sandbox);

            DeploymentTrafficSwitched healthy = releases.release(HEALTHY).orElseThrow();
            CliRun rollback = CliRun.of(env, "rollback", "checkout", "--reason", "operator drill", "--timeout", "PT90S");
            assertThat(rollback.status()).as(rollback.toString()).isZero();
            assertThat(rollback.out()).as(rollback.toString()).contains("accepted io.switchback.rollback.requested.v1",
                    "rollback.started", "rollback.completed", "traffic back on " + healthy.previousColor().wire());

            CliRun status = CliRun.of(env, "status", "checkout");
            assertThat(status.status()).as(status.toString()).isZero();
            assertThat(status.out()).as(status.toString()).contains("staging/checkout @staging",
                    "live      " + healthy.previousColor().wire() + " registry.example/checkout:1.4.0", "rolled-back");

            DeploymentTrafficSwitched next = releases.release(NEXT).orElseThrow();
            DeploymentTrafficSwitched faulty = releases.release(FAULTY).orElseThrow();
            RollbackCompleted automatic = sandbox.timeline().await(RollbackCompleted.class,
                    r -> r.deploymentId().equals(faulty.deploymentId()), STEP).orElseThrow();
            explainsTheRollback(env, automatic);
            showsTheHistoryAndTheTimeline(env, healthy, next, faulty);

            CliRun again = CliRun.of(env, "rollback", "checkout", "--reason", "once more", "--deployment",
                    faulty.deploymentId(), "--timeout", "PT60S");
            assertThat(again.status()).as("a rollback of a release already rolled back is skipped: " + again).isOne();
            assertThat(again.out()).contains("rollback.skipped");

            retriesAFailedRollout(env, sandbox, releases);
            assertThat(sandbox.cluster().apiServer().calls().calls(Identities.OPERATOR))
                    .as("the CLI needs get and list on Services, as docs/cli.md says, and nothing else").isNotEmpty()
                    .allSatisfy(call -> {
                        assertThat(call.verb()).isIn("get", "list");
                        assertThat(call.rbacResource()).isEqualTo("services");
                        assertThat(call.code()).isEqualTo(200);
                    });
        }
    }

    private static void explainsTheRollback(Map<String, String> env, RollbackCompleted automatic) {
        CliRun explain = CliRun.of(env, "explain", automatic.eventId());
        assertThat(explain.status()).as(explain.toString()).isZero();
        assertThat(explain.out()).as(explain.toString()).contains("cause: health.breached "
                        + automatic.cause().causeEventId(), "check            error-rate", "observed", "threshold",
                "samples", "window", "figures before it (health.evidence", "rollback.started", "timings:",
                "fault onset", "traffic switched", "the release " + automatic.deploymentId());
    }

    private static void showsTheHistoryAndTheTimeline(Map<String, String> env, DeploymentTrafficSwitched healthy,
            DeploymentTrafficSwitched next, DeploymentTrafficSwitched faulty) {
        CliRun history = CliRun.of(env, "history", "checkout", "--env", "staging");
        assertThat(history.status()).as(history.toString()).isZero();
        assertThat(history.out().lines()).as(history.toString())
                .anySatisfy(l -> assertThat(l).contains(healthy.deploymentId(), HEALTHY, "rolled back: "))
                .anySatisfy(l -> assertThat(l).contains(next.deploymentId(), NEXT, "live again: "
                        + faulty.deploymentId()))
                .anySatisfy(l -> assertThat(l).contains(faulty.deploymentId(), FAULTY, "rolled back: "));

        CliRun watch = CliRun.of(env, "watch", "--service", "checkout", "--since", "10m", "--count", "3");
        assertThat(watch.status()).as(watch.toString()).isZero();
        assertThat(watch.out().lines()).as(watch.toString()).hasSize(3)
                .noneSatisfy(l -> assertThat(l).contains("health.evidence"));
        CliRun figures = CliRun.of(env, "watch", "--service", "checkout", "--since", "10m", "--figures", "--for",
                "PT3S");
        assertThat(figures.out()).as(figures.toString()).contains("health.evidence", faulty.deploymentId() + " soak: ");

        CliRun json = CliRun.of(env, "watch", "--env", "staging", "--since", "10m", "--count", "2", "--json");
        assertThat(json.out().lines()).as(json.toString()).hasSize(2).allSatisfy(line -> {
            var node = EventJson.mapper().readTree(line);
            assertThat(node.path("type").asString()).startsWith("io.switchback.");
            assertThat(node.path("data").path("environment").asString()).isEqualTo("staging");
        });
    }

    private static void retriesAFailedRollout(Map<String, String> env, Sandbox sandbox, Releases releases) {
        String build = releases.build(NEVER_READY);
        DeploymentFailed failed = sandbox.timeline().await(DeploymentFailed.class,
                f -> f.image().equals(NEVER_READY), STEP).orElseThrow();
        assertThat(build).isNotBlank();

        CliRun retry = CliRun.of(env, "retry", "checkout", failed.deploymentId(), "--reason", "flaky node",
                "--timeout", "PT60S");

        assertThat(retry.status()).as("the retried rollout fails again: " + retry).isOne();
        assertThat(retry.out()).as(retry.toString()).contains("accepted io.switchback.deployment.retry.v1",
                "deployment.started", "deployment.failed");
    }
}
