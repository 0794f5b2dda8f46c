package io.switchback.healthmonitor;

import io.switchback.cluster.ClusterProperties;
import io.switchback.events.Color;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HealthCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Settings and events the monitor's unit and integration tests share. */
final class HealthFixtures {

    private HealthFixtures() {
    }

    static ClusterProperties cluster() {
        return new ClusterProperties("staging", new ClusterProperties.Kubernetes(LiveReleases.NAMESPACE, null, null));
    }

    static HealthProperties health() {
        return new HealthProperties(Duration.ofSeconds(1), Duration.ofSeconds(10), 2,
                new HealthProperties.ErrorRate(true, 0.01, 0.005), new HealthProperties.Latency(true, Duration.ofMillis(500), 0.025),
                new HealthProperties.Toggle(true), new HealthProperties.Toggle(true),
                new HealthProperties.Pods(Duration.ofSeconds(5)), new HealthProperties.Scrape(Duration.ofMillis(300), Duration.ofMillis(300), 4),
                new HealthProperties.Detection(1), Map.of());
    }

    /** The default rules, evaluated every second, with these checks and this grace. */
    static HealthRules rules(Duration unreadyGrace, Set<HealthCheck> enabled) {
        return new HealthRules(Duration.ofSeconds(1), Duration.ofSeconds(10), 0.01, 0.005, Duration.ofMillis(500), 0.025, 1, 2,
                unreadyGrace, enabled);
    }

    static DeploymentTrafficSwitched trafficSwitched(String service, String deploymentId, Instant at) {
        return trafficSwitched(service, deploymentId, at, Color.GREEN);
    }

    static DeploymentTrafficSwitched trafficSwitched(String service, String deploymentId, Instant at, Color live) {
        return trafficSwitched(service, deploymentId, at, live, "staging");
    }

    static DeploymentTrafficSwitched trafficSwitched(String service, String deploymentId, Instant at, Color live,
            String environment) {
        return trafficSwitched(service, deploymentId, at, live, environment, at.plusSeconds(900));
    }

    static DeploymentTrafficSwitched trafficSwitched(String service, String deploymentId, Instant at, Color live,
            String environment, Instant windowEnds) {
        return new DeploymentTrafficSwitched(UUID.randomUUID().toString(), at, environment, service, deploymentId, live,
                "r/" + service + ":" + deploymentId, live.other(), "r/" + service + ":previous", windowEnds,
                null);
    }
}
