package io.switchback.sandbox;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API on a local port (the Fabric8 mock server in CRUD mode) with a kubeconfig written for
 * it, and the workload simulator acting as controllers and kubelet. Clients connect through the
 * kubeconfig, exactly as they would to a real cluster.
 */
public final class SimulatedCluster implements AutoCloseable {

    public static final String CONTEXT = "switchback-sandbox";
    public static final String NAMESPACE = "default";
    /** The mock server logs every request through java.util.logging; held so the level sticks. */
    private static final Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    private final KubernetesMockServer apiServer;
    private final Path kubeconfig;
    private final KubernetesClient client;
    private final WorkloadSimulator simulator;

    private SimulatedCluster(int port, Duration podStartDelay, Path directory) {
        apiServer = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        apiServer.init(InetAddress.getLoopbackAddress(), port);
        kubeconfig = writeKubeconfig(directory, "http://127.0.0.1:" + apiServer.getPort());
        client = connect(kubeconfig);
        simulator = new WorkloadSimulator(client, podStartDelay);
    }

    /**
     * Starts the API server (port 0: any free port), writes its kubeconfig into {@code directory} and starts
     * the simulator.
     */
    public static SimulatedCluster start(int port, Duration podStartDelay, Path directory) {
        return new SimulatedCluster(port, podStartDelay, directory);
    }

    /** A client configured from a kubeconfig file only, as every Switchback service is. */
    public static KubernetesClient connect(Path kubeconfig) {
        try {
            Config config = Config.fromKubeconfig(CONTEXT, Files.readString(kubeconfig), kubeconfig.toString());
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public String apiServerUrl() {
        return "http://127.0.0.1:" + apiServer.getPort();
    }

    /** The cluster's own client (the simulator's); tests and the sandbox use it to look and to seed. */
    public KubernetesClient client() {
        return client;
    }

    public WorkloadSimulator simulator() {
        return simulator;
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.WARNING);
        return logger;
    }

    private static Path writeKubeconfig(Path directory, String server) {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    namespace: %3$s
                    user: %1$s
                current-context: %1$s
                users:
                - name: %1$s
                  user:
                    token: sandbox-token
                """.formatted(CONTEXT, server, NAMESPACE);
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("kubeconfig");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox kubeconfig into " + directory, e);
        }
    }

    @Override
    public void close() {
        simulator.close();
        client.close();
        apiServer.destroy();
    }
}
