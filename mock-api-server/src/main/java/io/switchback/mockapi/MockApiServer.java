package io.switchback.mockapi;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * A Kubernetes API on a loopback port: the Fabric8 mock server in CRUD mode behind an
 * {@link ApiServerDispatcher}. Each caller has an <em>identity</em> (a service account name such as
 * {@code switchback-deployer}, or {@code test}), which is its bearer token: the server writes a kubeconfig per
 * identity and hands out clients built from it, exactly as a service is configured against a real cluster,
 * and records every call under that identity.
 */
public final class MockApiServer implements AutoCloseable {

    public static final String CONTEXT = "mock-api-server";
    public static final String NAMESPACE = "default";
    private static final Pattern IDENTITY = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?");
    /** The mock server logs every request through java.util.logging; held so the level sticks. */
    private static final Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final ApiServerDispatcher dispatcher;
    private final Path directory;
    private final Map<String, Path> kubeconfigs = new ConcurrentHashMap<>();
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

    private MockApiServer(int port, Path directory, Clock clock) {
        this.directory = directory;
        this.dispatcher = new ApiServerDispatcher(clock, new ApiCallLog(ApiCallLog.DEFAULT_LIMIT));
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), port);
    }

    /** Starts on any free loopback port; kubeconfigs go into {@code directory}. */
    public static MockApiServer start(Path directory) {
        return start(0, directory);
    }

    /** Starts on {@code port} of the loopback address (0: any free port). */
    public static MockApiServer start(int port, Path directory) {
        return new MockApiServer(port, directory, Clock.systemUTC());
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public int port() {
        return server.getPort();
    }

    /** The kubeconfig of {@code identity} ({@code <directory>/<identity>.kubeconfig}), written on first ask. */
    public Path kubeconfig(String identity) {
        if (!IDENTITY.matcher(identity).matches()) {
            throw new IllegalArgumentException("an identity is a lower-case DNS label such as switchback-deployer, got '"
                    + identity + "'");
        }
        return kubeconfigs.computeIfAbsent(identity, this::writeKubeconfig);
    }

    /** A client of {@code identity}, built from its kubeconfig; one per identity, closed with the server. */
    public KubernetesClient client(String identity) {
        return clients.computeIfAbsent(identity, id -> connect(kubeconfig(id)));
    }

    /** A client configured from a kubeconfig file only (its current context), as every Switchback service is. */
    public static KubernetesClient connect(Path kubeconfig) {
        try {
            Config config = Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kubeconfig " + kubeconfig, e);
        }
    }

    /**
     * Answers 503 to every request for {@code duration}, except those of the {@code exempt} identities: a
     * simulation passes its kubelet, controllers and kube-proxy here, because on a real cluster they keep
     * the pods running and the traffic flowing on their last state while the API server is down.
     */
    public void unavailableFor(Duration duration, Set<String> exempt) {
        dispatcher.unavailableFor(duration, exempt);
    }

    /** When the current outage ends; in the past when there is none. */
    public Instant unavailableUntil() {
        return dispatcher.unavailableUntil();
    }

    /** Removes every object, as a new cluster would be; the recorded calls stay. */
    public void reset() {
        dispatcher.reset();
    }

    /** Every call answered so far. */
    public ApiCallLog calls() {
        return dispatcher.log();
    }

    private Path writeKubeconfig(String identity) {
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
                    user: %4$s
                current-context: %1$s
                users:
                - name: %4$s
                  user:
                    token: %4$s
                """.formatted(CONTEXT, url(), NAMESPACE, identity);
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(identity + ".kubeconfig");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a kubeconfig into " + directory, e);
        }
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.WARNING);
        return logger;
    }

    @Override
    public void close() {
        clients.values().forEach(KubernetesClient::close);
        clients.clear();
        server.destroy();
    }
}
