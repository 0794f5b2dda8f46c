package io.switchback.systemtests;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.events.EventKeys;
import io.switchback.events.Topic;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.TeamChart;
import io.switchback.sandbox.EventTimeline;
import io.switchback.sandbox.Releases;
import io.switchback.sandbox.Sandbox;
import io.switchback.sandbox.SandboxTrust;
import io.switchback.sandbox.SignedClient;
import io.switchback.sandbox.SimulatedCluster;
import io.switchback.sandbox.TrafficGenerator;
import io.switchback.sandbox.TrafficLog;
import io.switchback.sandbox.TrafficRouter;
import io.switchback.sandbox.scenario.Scenario;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * The system under test: three broker processes, the simulated cluster (in this JVM) with {@code checkout} live on
 * blue and the sandbox's traffic through its Service, and Switchback's services as {@code java -jar} processes
 * configured as the sandbox configures them, with the scenario's compressed timings and topics of replication
 * factor 3.
 */
final class Rig implements AutoCloseable {

    static final String SERVICE = Sandbox.SERVICE;
    static final String KEY = EventKeys.release(Sandbox.ENVIRONMENT, SERVICE);
    static final String INITIAL_IMAGE = "registry.example/checkout:1.4.0";
    private static final Map<String, String> IDENTITIES = Map.of(
            "deployer", Identities.DEPLOYER,
            "health-monitor", Identities.HEALTH_MONITOR,
            "rollback-controller", Identities.ROLLBACK_CONTROLLER);

    private final Path dir;
    private KafkaNodes kafka;
    private SimulatedCluster cluster;
    private TrafficRouter router;
    private TrafficGenerator traffic;
    private SandboxTrust trust;
    private ServiceInstances services;
    private EventTimeline timeline;
    private Releases releases;
    private final Map<String, Integer> expected = new LinkedHashMap<>();
    private final Map<String, SignedClient> clients = new ConcurrentHashMap<>();

    private Rig(Path dir) {
        this.dir = dir;
    }

    /** Starts everything, with {@code instances} of each service (in that order) ready before it returns. */
    static Rig start(Path dir, Map<String, Integer> instances) {
        Rig rig = new Rig(dir);
        try {
            rig.startAll(instances);
            return rig;
        } catch (RuntimeException e) {
            rig.close();
            throw e;
        }
    }

    private void startAll(Map<String, Integer> instances) {
        services = new ServiceInstances(dir.resolve("logs"), dir.resolve("jars"), this::properties);
        // the jars are extracted while the brokers start
        Thread extraction = new Thread(() -> services.extract(instances.keySet()), "extract-jars");
        extraction.start();
        kafka = KafkaNodes.start(dir.resolve("kafka"));
        cluster = SimulatedCluster.start(0, Duration.ofSeconds(1), dir);
        TeamChart.install(cluster.client(), Sandbox.NAMESPACE, SERVICE, INITIAL_IMAGE, 2);
        router = new TrafficRouter(cluster.client(Identities.TRAFFIC_ROUTER), Sandbox.NAMESPACE, SERVICE);
        traffic = TrafficGenerator.start(router, TrafficGenerator.DEFAULT_RATE);
        trust = SandboxTrust.write(dir);
        join(extraction);
        expected.putAll(instances);
        instances.forEach((service, count) -> {
            for (int i = 0; i < count; i++) {
                services.start(service);
            }
        });
        for (String service : instances.keySet()) {
            services.instances(service).forEach(services::awaitReady);
        }
        // the services declared the topics as they started
        timeline = new EventTimeline(kafka.bootstrapServers());
        releases = new Releases(this::buildListener, timeline);
    }

    private static void join(Thread thread) {
        try {
            thread.join(ServiceInstances.READY_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What an instance of {@code service} starts with: the sandbox's settings, the scenario's timings, RF 3. */
    private Map<String, String> properties(String service) {
        Map<String, String> properties = new LinkedHashMap<>(Sandbox.serviceProperties(kafka.bootstrapServers(), trust));
        if (!"build-listener".equals(service)) {
            properties.remove(Sandbox.TRUST_IMPORT);
        }
        properties.putAll(Scenario.serviceSettings());
        // the scenario's freezer lives in the sandbox, which the service jars do not carry
        properties.remove("spring.kafka.producer.properties.interceptor.classes");
        properties.put("switchback.kafka.topics.replication-factor", "3");
        // the scenario's 15 s is shorter than a deployer's restart or an API outage here: a rollout that outlives
        // its deadline is failed (the product's default is minutes)
        properties.put("switchback.deployer.progress-deadline", "90s");
        properties.put("logging.level.io.switchback", "INFO");
        if (IDENTITIES.containsKey(service)) {
            properties.put("switchback.kubernetes.kubeconfig", cluster.kubeconfig(IDENTITIES.get(service)).toString());
        }
        return properties;
    }

    /**
     * Undoes what a case left behind: a killed broker started again and every topic back to three in-sync replicas
     * and {@code min.insync.replicas} 2, a paused instance resumed, a killed one replaced, until each service has
     * {@code instances} ready again (instances beyond that, which another class of cases ran, killed).
     */
    void restoreAll(Map<String, Integer> instances) {
        for (String service : expected.keySet()) {
            List<String> running = services.instances(service);
            running.subList(Math.min(instances.getOrDefault(service, 0), running.size()), running.size())
                    .forEach(services::kill);
        }
        expected.clear();
        expected.putAll(instances);
        // replacements first: their JVMs' starts are the longest part of a restore, and overlap the brokers'
        expected.forEach((service, count) -> {
            services.resumeAll(service);
            for (int running = services.instances(service).size(); running < count; running++) {
                services.start(service);
            }
        });
        for (int node = 1; node <= KafkaNodes.NODES; node++) {
            if (!kafka.running(node)) {
                kafka.restart(node);
            }
        }
        kafka.awaitBrokers(KafkaNodes.NODES);
        for (Topic topic : Topic.values()) {
            kafka.minInsyncReplicas(topic.topicName(), 2);
            kafka.awaitFullyReplicated(topic.topicName());
        }
        expected.keySet().forEach(service -> services.instances(service).forEach(services::awaitReady));
    }

    /** The image of the colour checkout's selector points at. */
    String liveImage() {
        return observer().apps().deployments().inNamespace(Sandbox.NAMESPACE).withName(SERVICE + "-" + liveColor()).get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    KafkaNodes kafka() {
        return kafka;
    }

    SimulatedCluster cluster() {
        return cluster;
    }

    ServiceInstances services() {
        return services;
    }

    EventTimeline timeline() {
        return timeline;
    }

    Releases releases() {
        return releases;
    }

    TrafficLog traffic() {
        return traffic.log();
    }

    /** Signs as the pipeline (builds) or the operator (commands), to the first build-listener instance. */
    SignedClient buildListener() {
        String instance = services.instances("build-listener").get(0);
        return clients.computeIfAbsent(instance,
                i -> trust.client(URI.create("http://127.0.0.1:" + services.port(i) + "/")));
    }

    /** The Service of checkout as the API server has it now. */
    Service checkout() {
        return observer().services().inNamespace(Sandbox.NAMESPACE).withName(SERVICE).get();
    }

    /** The colour checkout's selector sends traffic to. */
    String liveColor() {
        return checkout().getSpec().getSelector().get("color");
    }

    /** A client that sees everything and is never made to fail by an outage: the test's own eyes. */
    KubernetesClient observer() {
        return cluster.client(SimulatedCluster.SANDBOX);
    }

    /**
     * The instance of {@code service} whose consumer group member is assigned the partition that checkout's events
     * are on in {@code topic}; empty while none is (during a rebalance).
     */
    Optional<String> owner(String service, Topic topic) {
        TopicPartition partition = new TopicPartition(topic.topicName(),
                kafka.partitionFor(topic.topicName(), KEY).partition());
        String group = "switchback-" + service + "-" + Sandbox.ENVIRONMENT;
        ConsumerGroupDescription description;
        try {
            description = kafka.admin().describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // no coordinator to ask right now (a broker moving it): nobody known to own it
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return description.members().stream()
                .filter(m -> m.assignment().topicPartitions().contains(partition))
                .map(MemberDescription::clientId)
                .flatMap(clientId -> services.instances(service).stream().filter(i -> clientId.startsWith(i + "-")
                        || clientId.equals(i)))
                .findFirst();
    }

    @Override
    public void close() {
        for (AutoCloseable part : new AutoCloseable[] {timeline, services, traffic, router, cluster, kafka}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    // shutting down: nothing left to protect
                }
            }
        }
    }
}
