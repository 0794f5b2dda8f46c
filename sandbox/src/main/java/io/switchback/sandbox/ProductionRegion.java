package io.switchback.sandbox;

import io.switchback.mockapi.Identities;
import io.switchback.mockapi.TeamChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cluster of the sandbox's production environment: its own simulated API server with {@code checkout} live
 * on blue and its own traffic, and its own deployer, health monitor and rollback controller (consumer groups of
 * their own, named after the cluster), on the sandbox's Kafka. Production takes the releases that became stable
 * in the sandbox's staging, each after an approval; a failover region switches after the primary.
 */
public final class ProductionRegion implements AutoCloseable {

    public static final String ENVIRONMENT = "production";
    private static final List<String> KINDS = List.of("rollback-controller", "health-monitor", "deployer");

    private final String name;
    private final SimulatedCluster cluster;
    private final TrafficRouter router;
    private final TrafficGenerator traffic;
    private SwitchbackServices services;

    private ProductionRegion(String name, SimulatedCluster cluster, TrafficRouter router, TrafficGenerator traffic) {
        this.name = name;
        this.cluster = cluster;
        this.router = router;
        this.traffic = traffic;
    }

    /**
     * @param lead     the region this one switches after, or null for the primary
     * @param settings extra properties for its services (the soak, approvers)
     */
    public static ProductionRegion start(String name, String lead, String bootstrapServers, Sandbox.Options staging,
            Map<String, String> settings) {
        try {
            SimulatedCluster cluster = SimulatedCluster.start(0, staging.podStartDelay(),
                    Files.createDirectories(staging.dir().resolve(name)));
            TeamChart.install(cluster.client(), Sandbox.NAMESPACE, Sandbox.SERVICE, staging.initialImage(),
                    staging.replicas());
            TrafficRouter router = new TrafficRouter(cluster.client(Identities.TRAFFIC_ROUTER), Sandbox.NAMESPACE,
                    Sandbox.SERVICE);
            ProductionRegion region = new ProductionRegion(name, cluster, router,
                    TrafficGenerator.start(router, staging.trafficRate()));
            region.services = SwitchbackServices.start(region.properties(bootstrapServers, lead), Map.of(
                    "deployer", cluster.kubeconfig(Identities.DEPLOYER),
                    "health-monitor", cluster.kubeconfig(Identities.HEALTH_MONITOR),
                    "rollback-controller", cluster.kubeconfig(Identities.ROLLBACK_CONTROLLER)), settings, 1, KINDS);
            return region;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, String> properties(String bootstrapServers, String lead) {
        Map<String, String> common = new LinkedHashMap<>();
        common.put("server.port", "0");
        common.put("switchback.kafka.bootstrap-servers", bootstrapServers);
        common.put("switchback.environment", ENVIRONMENT);
        common.put("switchback.cluster", name);
        common.put("switchback.kubernetes.namespace", Sandbox.NAMESPACE);
        common.put("switchback.deployer.upstream", Sandbox.ENVIRONMENT);
        if (lead != null) {
            common.put("switchback.deployer.switch-after", lead);
        }
        common.put("switchback.deployer.traffic-drain", "2s");
        common.put("spring.main.banner-mode", "off");
        common.put("logging.level.root", "WARN");
        common.put("logging.level.io.switchback", "WARN");
        return common;
    }

    public String name() {
        return name;
    }

    /** The kubeconfig a person running the CLI reaches this region's cluster with. */
    public Path kubeconfig() {
        return cluster.kubeconfig(Identities.OPERATOR);
    }

    TrafficLog traffic() {
        return traffic.log();
    }

    @Override
    public void close() {
        for (AutoCloseable part : new AutoCloseable[] {services, traffic, router, cluster}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // shutting down: nothing left to protect
            }
        }
    }
}
