package io.switchback.sandbox;

import io.switchback.mockapi.Identities;
import io.switchback.mockapi.TeamChart;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The embedded default, assembled: a Kafka broker (in-process KRaft unless one is given), the simulated
 * cluster with the sample service {@code checkout} live on blue and traffic flowing, the four Switchback
 * services talking only through Kafka and the cluster's API, and the status page reading the topics.
 */
public final class Sandbox implements AutoCloseable {

    public static final String NAMESPACE = SimulatedCluster.NAMESPACE;
    public static final String SERVICE = "checkout";
    public static final String ENVIRONMENT = "staging";
    /** The property of {@link #serviceProperties} that imports the build-listener's trust file. */
    public static final String TRUST_IMPORT = "spring.config.import";

    /**
     * @param bootstrapServers a broker to use, or null for an in-process KRaft broker
     * @param serviceOverrides extra properties for every service, e.g. health-monitor settings in a bench
     * @param replicas         pods of the sample service
     * @param apiCalls         where to write every call the API server answered, when the sandbox closes
     *                         (TSV, see {@link io.switchback.mockapi.ApiCall#tsv()}); null: not written
     * @param serviceReplicas  instances of each Switchback service
     */
    public record Options(String bootstrapServers, Path dir, Duration podStartDelay, int trafficRate,
            String initialImage, int replicas, Map<String, String> serviceOverrides, Path apiCalls,
            int serviceReplicas) {

        public static Options defaults(Path dir) {
            return new Options(null, dir, Duration.ofSeconds(1), TrafficGenerator.DEFAULT_RATE,
                    "registry.example/checkout:1.4.0", 2, Map.of(), null, 1);
        }

        /** These options, writing the API calls to {@code file} when the sandbox closes. */
        public Options withApiCalls(Path file) {
            return new Options(bootstrapServers, dir, podStartDelay, trafficRate, initialImage, replicas,
                    serviceOverrides, file, serviceReplicas);
        }

        /** These options, with {@code instances} of each Switchback service and these extra properties for all. */
        public Options withServices(int instances, Map<String, String> overrides) {
            return new Options(bootstrapServers, dir, podStartDelay, trafficRate, initialImage, replicas,
                    overrides, apiCalls, instances);
        }
    }

    private final Instant startedAt = Instant.now();
    private final Options options;
    private EmbeddedKafkaKraftBroker broker;
    private String bootstrapServers;
    private SimulatedCluster cluster;
    private TrafficRouter router;
    private TrafficGenerator traffic;
    private EventTimeline timeline;
    private SwitchbackServices services;
    private SandboxTrust trust;

    private Sandbox(Options options) {
        this.options = options;
    }

    public static Sandbox start(Options options) {
        Sandbox sandbox = new Sandbox(options);
        try {
            sandbox.startAll();
            return sandbox;
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    private void startAll() {
        bootstrapServers = options.bootstrapServers();
        if (bootstrapServers == null) {
            broker = embeddedBroker();
            bootstrapServers = broker.getBrokersAsString();
        }
        cluster = SimulatedCluster.start(0, options.podStartDelay(), options.dir());
        TeamChart.install(cluster.client(), NAMESPACE, SERVICE, options.initialImage(), options.replicas());
        router = new TrafficRouter(cluster.client(Identities.TRAFFIC_ROUTER), NAMESPACE, SERVICE);
        traffic = TrafficGenerator.start(router, options.trafficRate());
        trust = SandboxTrust.write(options.dir());
        services = SwitchbackServices.start(serviceProperties(bootstrapServers, trust), kubeconfigs(), options.serviceOverrides(),
                options.serviceReplicas());
        services.start(SwitchbackServices.CONSOLE);
        // topics exist now: the services declared them at start-up
        timeline = new EventTimeline(bootstrapServers);
    }

    /**
     * The sandbox's in-process KRaft broker, started: one node, 6 partitions per topic, topics only as the services
     * declare them, no wait before a group's first rebalance.
     */
    static EmbeddedKafkaKraftBroker embeddedBroker() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 6);
        broker.brokerProperties(Map.of("auto.create.topics.enable", "false", "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        return broker;
    }

    /**
     * What every Switchback service of the sandbox is configured with, as an operator would configure it: Kafka, the
     * environment, the namespace, the trust file (only the build-listener reads it), and the sandbox's compressions.
     * The system tests run the service jars with the same.
     */
    public static Map<String, String> serviceProperties(String bootstrapServers, SandboxTrust trust) {
        Map<String, String> common = new LinkedHashMap<>();
        common.put("server.port", "0");
        common.put("switchback.kafka.bootstrap-servers", bootstrapServers);
        common.put("switchback.environment", ENVIRONMENT);
        common.put("switchback.kubernetes.namespace", NAMESPACE);
        common.put(TRUST_IMPORT, trust.importProperty());
        // the sandbox's one environment is a staging: it deploys every build of main
        common.put("switchback.deployer.branches", "main");
        // the simulated kube-proxy follows a switch within milliseconds; a real cluster's takes the default 30 s
        common.put("switchback.deployer.traffic-drain", "2s");
        // a sandbox release lives seconds before its breach: a point a second for the status page's chart
        common.put("switchback.health.evidence-interval", "1s");
        common.put("spring.main.banner-mode", "off");
        common.put("logging.level.root", "WARN");
        common.put("logging.level.io.switchback", "WARN");
        return common;
    }

    /** Each cluster-facing service calls the API as the service account the chart gives it; the build-listener not at all. */
    private Map<String, Path> kubeconfigs() {
        return Map.of(
                "deployer", cluster.kubeconfig(Identities.DEPLOYER),
                "health-monitor", cluster.kubeconfig(Identities.HEALTH_MONITOR),
                "rollback-controller", cluster.kubeconfig(Identities.ROLLBACK_CONTROLLER));
    }

    /** Where the build-listener's trust file and the two secrets are, for a person: never the secrets themselves. */
    public SandboxTrust trust() {
        return trust;
    }

    /** A client that signs what it posts to a build-listener: builds as the pipeline, commands as the operator. */
    public SignedClient buildListener() {
        return trust.client(webhookBase());
    }

    public URI webhookBase() {
        return URI.create("http://127.0.0.1:" + services.portOf("build-listener") + "/");
    }

    /** The status page (the console), read-only. */
    public URI statusPage() {
        return URI.create("http://127.0.0.1:" + services.portOf(SwitchbackServices.CONSOLE) + "/");
    }

    /** The running instances of a Switchback service ({@code deployer}, ...), e.g. {@code deployer-2}. */
    public List<String> instances(String service) {
        return services.instances(service);
    }

    /** Stops an instance as deleting its pod would; one frozen mid-way is abandoned, as a killed process. */
    public void stop(String instance) {
        services.stop(instance);
    }

    /** Starts another instance of a Switchback service; returns its name. */
    public String start(String service) {
        return services.start(service);
    }

    public Map<String, Integer> servicePorts() {
        return services.ports();
    }

    public Options options() {
        return options;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path kubeconfig() {
        return cluster.kubeconfig();
    }

    public SimulatedCluster cluster() {
        return cluster;
    }

    public TrafficLog traffic() {
        return traffic.log();
    }

    public EventTimeline timeline() {
        return timeline;
    }

    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public void close() {
        closeQuietly(timeline);
        closeQuietly(services);
        closeQuietly(traffic);
        closeQuietly(router);
        if (cluster != null && options.apiCalls() != null) {
            cluster.apiServer().calls().writeTsv(options.apiCalls());
        }
        closeQuietly(cluster);
        if (broker != null) {
            broker.destroy();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // shutting down: nothing left to protect
        }
    }
}
