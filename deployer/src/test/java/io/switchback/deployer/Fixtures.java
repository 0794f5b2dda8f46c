package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildConclusion;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HealthSoakPassed;
import io.switchback.mockapi.TeamChart;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a team's chart creates, builds, and the deployer's settings, for the deployer's unit tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final String GOOD = "registry.example/checkout:1.4.0";
    static final String NEXT = "registry.example/checkout:1.5.0";
    static final DeployerProperties PROPERTIES = properties(List.of("main"), "", null, List.of());

    /** Production's: promotions from staging, approved by one of {@code approvers} (empty: anyone). */
    static final DeployerProperties PRODUCTION = properties(List.of(), "staging", null, List.of("release-manager"));

    static DeployerProperties properties(List<String> branches, String upstream, Boolean approvalRequired,
            List<String> approvers) {
        return properties(branches, upstream, approvalRequired, approvers, List.of());
    }

    /** @param verifications the verifications a promotion waits for */
    static DeployerProperties properties(List<String> branches, String upstream, Boolean approvalRequired,
            List<String> approvers, List<String> verifications) {
        return new DeployerProperties(branches, upstream, approvalRequired, approvers, verifications, "", List.of(),
                Duration.ofMinutes(10),
                Duration.ofSeconds(120),
                Duration.ofMinutes(15), "/actuator/health", Duration.ofSeconds(5), Duration.ofHours(1),
                Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(5),
                new DeployerProperties.Canary(0, Duration.ofMinutes(5)));
    }

    private Fixtures() {
    }

    /** The team chart's Deployment of {@code checkout} in one colour. */
    static Deployment deployment(String color, String image, int replicas) {
        return new DeploymentBuilder(TeamChart.deployment("checkout", color, image, replicas))
                .editMetadata().withNamespace("default").endMetadata().build();
    }

    static Service service(String color, boolean managed) {
        return new ServiceBuilder(TeamChart.service("checkout", color, managed)).editMetadata().withNamespace("default")
                .endMetadata().build();
    }

    /** The managed Service with {@code record} written on it, as the deployer would read it back. */
    static Service service(ReleaseRecord record) {
        Map<String, String> annotations = new java.util.HashMap<>(Map.of("switchback.io/managed", "true"));
        record.annotations().forEach((k, v) -> {
            if (v != null) {
                annotations.put(k, v);
            }
        });
        return new ServiceBuilder(service(record.liveColor().wire(), true)).editMetadata().withAnnotations(annotations)
                .endMetadata().build();
    }

    static ReleaseRecord record(String color) {
        return ReleaseRecord.of(service(color, true)).orElseThrow();
    }

    static BuildCompleted build(String image, String branch, BuildConclusion conclusion) {
        return build(image, branch, conclusion, 100, T0);
    }

    static BuildCompleted build(String image, String branch, BuildConclusion conclusion, long runId, Instant at) {
        return new BuildCompleted("b-" + image.hashCode() + branch + runId, at, "checkout", image, "7f3a9c1", branch,
                null, runId, conclusion, null);
    }

    /** The same settings with a canary of {@code replicas} pods for 5 minutes. */
    static DeployerProperties withCanary(DeployerProperties p, int replicas) {
        return new DeployerProperties(p.branches(), p.upstream(), p.approvalRequired(), p.approvers(), p.verifications(),
                p.switchAfter(), p.switchWith(), p.switchAfterTimeout(), p.progressDeadline(), p.rollbackWindow(),
                p.preSwitchHealthPath(), p.reconcileInterval(), p.maxBuildAge(), p.maxCommandAge(), p.lockTimeout(),
                p.trafficDrain(), p.hookDeadline(), new DeployerProperties.Canary(replicas, Duration.ofMinutes(5)));
    }

    /** What a health monitor of the same cluster says once a switched release's soak passed on healthy verdicts. */
    static HealthSoakPassed soakPassed(DeploymentTrafficSwitched switched) {
        long soakMs = Duration.between(switched.occurredAt(), switched.rollbackWindowEndsAt()).toMillis();
        return new HealthSoakPassed(UUID.randomUUID().toString(), switched.rollbackWindowEndsAt(),
                switched.environment(), switched.service(), switched.deploymentId(), switched.liveColor(),
                switched.liveImage(), switched.occurredAt(), switched.rollbackWindowEndsAt(), soakMs, soakMs * 4 / 5, 0);
    }
}
