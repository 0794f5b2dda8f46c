package io.switchback.mockapi;

/**
 * Who calls the API server: the service accounts the chart gives the services, and the simulated
 * cluster's own parts. An identity is the bearer token of its kubeconfig.
 */
public final class Identities {

    public static final String DEPLOYER = "switchback-deployer";
    public static final String HEALTH_MONITOR = "switchback-health-monitor";
    public static final String ROLLBACK_CONTROLLER = "switchback-rollback-controller";
    /** The sandbox's kubelet and Deployment controller. */
    public static final String SIMULATOR = "sandbox-simulator";
    /** The sandbox's kube-proxy: reads Services and pods to route traffic. */
    public static final String TRAFFIC_ROUTER = "sandbox-traffic-router";
    /** A person running the `switchback` CLI: {@code status} reads Services, nothing else (docs/cli.md). */
    public static final String OPERATOR = "switchback-operator";
    /** A test's own looks and seeding. */
    public static final String TEST = "test";

    private Identities() {
    }
}
