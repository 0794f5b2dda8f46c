package io.switchback.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import io.switchback.mockapi.SimulatedJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * A Kubernetes API on a local port ({@link MockApiServer}) with the workload simulator acting as controllers
 * and kubelet. Every party calls it with a client built from its own kubeconfig, exactly as it would call a
 * real cluster: the simulator as {@value Identities#SIMULATOR}, the traffic router (kube-proxy) as
 * {@value Identities#TRAFFIC_ROUTER}, the sandbox's own looks and a person as {@value #SANDBOX}, each
 * Switchback service as its service account.
 */
public final class SimulatedCluster implements AutoCloseable {

    public static final String NAMESPACE = MockApiServer.NAMESPACE;
    /** The sandbox itself: seeding the team's chart, looking at ground truth, and the person at the keyboard. */
    public static final String SANDBOX = "sandbox";
    public static final Duration DEFAULT_RESTART_BACKOFF = Duration.ofSeconds(1);
    /** They keep working in an outage: the pods keep running and serving on their last state, as on a real cluster. */
    private static final Set<String> UNAFFECTED_BY_OUTAGES = Set.of(Identities.SIMULATOR, Identities.TRAFFIC_ROUTER, SANDBOX);

    private final MockApiServer apiServer;
    private final WorkloadSimulator simulator;
    private final SimulatedJobs jobs;

    private SimulatedCluster(int port, Duration podStartDelay, Duration restartBackoff, Path directory) {
        apiServer = MockApiServer.start(port, directory);
        simulator = new WorkloadSimulator(apiServer.client(Identities.SIMULATOR), podStartDelay, restartBackoff);
        // hook Jobs end as their image's tag says (-hook-fails, -hook-hangs, -hook-<n>s), like the pods' faults
        jobs = new SimulatedJobs(apiServer.client(Identities.SIMULATOR));
    }

    /**
     * Starts the API server (port 0: any free port), writes the kubeconfigs into {@code directory} as they are
     * asked for, and starts the simulator; a container starts {@code podStartDelay} after its pod is created.
     */
    public static SimulatedCluster start(int port, Duration podStartDelay, Path directory) {
        return start(port, podStartDelay, DEFAULT_RESTART_BACKOFF, directory);
    }

    /** As above; a container that exited is restarted after {@code restartBackoff}, doubling per restart up to 8 times. */
    public static SimulatedCluster start(int port, Duration podStartDelay, Duration restartBackoff, Path directory) {
        return new SimulatedCluster(port, podStartDelay, restartBackoff, directory);
    }

    /** A client configured from a kubeconfig file only, as every Switchback service is. */
    public static KubernetesClient connect(Path kubeconfig) {
        return MockApiServer.connect(kubeconfig);
    }

    /** The kubeconfig of the sandbox itself, for a person. */
    public Path kubeconfig() {
        return apiServer.kubeconfig(SANDBOX);
    }

    /** The kubeconfig of {@code identity}, e.g. a service account such as {@value Identities#DEPLOYER}. */
    public Path kubeconfig(String identity) {
        return apiServer.kubeconfig(identity);
    }

    public String apiServerUrl() {
        return apiServer.url();
    }

    /** The sandbox's own client: seeding and looking. */
    public KubernetesClient client() {
        return apiServer.client(SANDBOX);
    }

    /** The client of {@code identity}, closed with the cluster. */
    public KubernetesClient client(String identity) {
        return apiServer.client(identity);
    }

    public WorkloadSimulator simulator() {
        return simulator;
    }

    /** The API server itself: its recorded calls, outages. */
    public MockApiServer apiServer() {
        return apiServer;
    }

    /**
     * The API server answers 503 to the Switchback services (and anyone else) for {@code duration}; the
     * kubelet, controllers and kube-proxy go on with their last state, as on a real cluster, and so do the
     * sandbox's own looks at ground truth.
     */
    public void unavailableFor(Duration duration) {
        apiServer.unavailableFor(duration, UNAFFECTED_BY_OUTAGES);
    }

    @Override
    public void close() {
        jobs.close();
        simulator.close();
        apiServer.close();
    }
}
