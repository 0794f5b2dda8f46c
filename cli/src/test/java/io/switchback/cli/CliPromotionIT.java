package io.switchback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchback.events.DeploymentPromotionPending;
import io.switchback.sandbox.CliLines;
import io.switchback.sandbox.ProductionRegion;
import io.switchback.sandbox.PromoteScript;
import io.switchback.sandbox.Releases;
import io.switchback.sandbox.Sandbox;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `approve` and `status` across production's two regions: a release stable in staging waits for approval in both;
 * the CLI approves it and follows it until it took the traffic in both clusters, and `status` reads both.
 */
@RealKafka
class CliPromotionIT {

    private static final String RELEASE = "registry.example/checkout:1.5.0";

    @Test
    void approvesAPromotionAndFollowsItToTheSwapInBothRegions(KafkaBroker broker, @TempDir Path dir) {
        Sandbox.Options options = PromoteScript.stagingOptions(new Sandbox.Options(broker.bootstrapServers(), dir,
                Duration.ofMillis(500), 50, "registry.example/checkout:1.4.0", 2, Map.of(), null, 1));
        List<ProductionRegion> regions = new ArrayList<>();
        try (Sandbox staging = Sandbox.start(options)) {
            try {
                regions.add(ProductionRegion.start(PromoteScript.PRIMARY, null, staging.bootstrapServers(), options,
                        PromoteScript.productionSettings()));
                regions.add(ProductionRegion.start(PromoteScript.FAILOVER, PromoteScript.PRIMARY,
                        staging.bootstrapServers(), options, PromoteScript.productionSettings()));
                Map<String, String> env = new HashMap<>(CliLines.environment(staging));
                env.put("HOME", dir.toString());
                env.put("SWITCHBACK_ENV_PRODUCTION_CLUSTERS", PromoteScript.PRIMARY + "," + PromoteScript.FAILOVER);
                regions.forEach(r -> env.put(Settings.variable("cluster." + r.name() + ".kubeconfig"),
                        r.kubeconfig().toString()));

                new Releases(staging).build(RELEASE);
                DeploymentPromotionPending pending = staging.timeline().await(DeploymentPromotionPending.class,
                        p -> p.image().equals(RELEASE), Duration.ofSeconds(120)).orElseThrow();
                await("pending in both regions").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    CliRun waiting = CliRun.of(env, "status", "--env", "production", "checkout");
                    assertThat(waiting.out()).as(waiting.toString()).contains("production/checkout @us-central1",
                            "production/checkout @us-east1");
                    assertThat(waiting.out().lines().filter(l -> l.contains("pending   " + pending.deploymentId())))
                            .as(waiting.toString()).hasSize(2);
                });

                CliRun approve = CliRun.of(env, "approve", "checkout", pending.deploymentId(), "--env", "production",
                        "--comment", "soaked clean in staging", "--timeout", "PT120S");

                assertThat(approve.status()).as(approve.toString()).isZero();
                assertThat(approve.out()).as(approve.toString()).contains("accepted io.switchback.promotion.approved.v1",
                        "deployment.traffic-switched", "production/checkout@us-central1",
                        "production/checkout@us-east1");
                CliRun status = CliRun.of(env, "status", "--env", "production", "checkout");
                assertThat(status.out().lines().filter(l -> l.startsWith("  live      ") && l.contains(RELEASE)))
                        .as(status.toString()).hasSize(2);
            } finally {
                regions.forEach(ProductionRegion::close);
            }
        }
    }
}
