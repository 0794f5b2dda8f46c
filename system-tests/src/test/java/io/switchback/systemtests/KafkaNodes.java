package io.switchback.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.springframework.util.FileSystemUtils;

/**
 * A KRaft cluster of three nodes, each its own {@code java} process ({@code kafka.Kafka}, broker and controller in
 * one, the classes of this test run): replication factor 3 and {@code min.insync.replicas} 2 by default, topics
 * only as declared. A node can be killed ({@code kill -9}) and started again on its own log directory, as a
 * broker pod restarted on its volume would.
 */
final class KafkaNodes implements AutoCloseable {

    static final int NODES = 3;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(20);

    private final Path dir;
    private final int[] brokerPorts = new int[NODES];
    private final int[] controllerPorts = new int[NODES];
    private final JavaProcess[] nodes = new JavaProcess[NODES];
    private final Admin admin;

    private KafkaNodes(Path dir) {
        this.dir = dir;
        for (int i = 0; i < NODES; i++) {
            brokerPorts[i] = JavaProcess.freePort();
            controllerPorts[i] = JavaProcess.freePort();
        }
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()));
    }

    /** Formats three log directories under {@code dir}, starts the three nodes and waits for all to be brokers. */
    static KafkaNodes start(Path dir) {
        KafkaNodes cluster = new KafkaNodes(dir);
        try {
            String clusterId = Uuid.randomUuid().toString();
            for (int node = 0; node < NODES; node++) {
                cluster.format(node, clusterId);
            }
            for (int node = 0; node < NODES; node++) {
                cluster.startNode(node);
            }
            cluster.awaitBrokers(NODES);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return IntStream.range(0, NODES).mapToObj(i -> "127.0.0.1:" + brokerPorts[i]).collect(Collectors.joining(","));
    }

    Admin admin() {
        return admin;
    }

    /** {@code kill -9} of a node (by its node id, 1 to 3); its clients see its connections die. */
    void kill(int nodeId) {
        nodes[nodeId - 1].kill();
    }

    /** Starts a killed node again on its log directory. */
    void restart(int nodeId) {
        startNode(nodeId - 1);
    }

    boolean running(int nodeId) {
        return nodes[nodeId - 1] != null && nodes[nodeId - 1].alive();
    }

    /** The node id leading the partition that records with {@code key} go to. */
    int leaderFor(String topic, String key) {
        TopicPartitionInfo partition = partitionFor(topic, key);
        if (partition.leader() == null) {
            throw new IllegalStateException(topic + "-" + partition.partition() + " has no leader");
        }
        return partition.leader().id();
    }

    /** The partition of {@code topic} that records with {@code key} go to, as the producer's partitioner picks it. */
    TopicPartitionInfo partitionFor(String topic, String key) {
        TopicDescription description = describe(topic);
        int partition = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8),
                description.partitions().size());
        return description.partitions().get(partition);
    }

    /** Waits until every partition of {@code topic} has all three replicas in sync (after a node came back). */
    void awaitFullyReplicated(String topic) {
        await(topic + " fully replicated").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> describe(topic).partitions().stream()
                        .allMatch(p -> p.isr().size() == NODES && p.leader() != null));
    }

    /**
     * Makes {@code topic} refuse writes with acks=all as a real cluster does when replicas fall behind: one node is
     * killed, and once its replicas left every in-sync set the topic requires three (NOT_ENOUGH_REPLICAS), while the
     * other topics, requiring two, go on taking writes. (A requirement above the replication factor would not do:
     * the broker caps it at the replicas there are.) Returns the node killed; {@link #minInsyncReplicas} with 2
     * makes the topic take writes again.
     */
    int refuseWrites(String topic) {
        int node = leaderFor(topic, "any");
        kill(node);
        await("the in-sync replicas without node " + node).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> describe(topic).partitions().stream()
                        .allMatch(p -> p.isr().size() == NODES - 1 && p.leader() != null && p.leader().id() != node));
        minInsyncReplicas(topic, NODES);
        return node;
    }

    /** Sets a topic's {@code min.insync.replicas}; above the in-sync replicas, writes with acks=all are refused. */
    void minInsyncReplicas(String topic, int replicas) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp op = new AlterConfigOp(new ConfigEntry("min.insync.replicas", Integer.toString(replicas)),
                AlterConfigOp.OpType.SET);
        get(admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all());
    }

    void awaitBrokers(int count) {
        await(count + " brokers").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> get(admin.describeCluster().nodes()).size() >= count);
    }

    private void format(int node, String clusterId) {
        // a data directory left by an earlier run (no clean in between) belongs to another cluster id
        try {
            FileSystemUtils.deleteRecursively(dir.resolve("data-" + (node + 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path properties = writeProperties(node);
        // kafka-storage.sh's tool, in this JVM: three JVM starts fewer before the brokers can start
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", properties.toString()}, out);
        }
        if (status != 0) {
            throw new IllegalStateException("formatting node " + (node + 1) + " failed (" + status + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void startNode(int node) {
        Path properties = dir.resolve("node-" + (node + 1) + ".properties");
        // the client JIT only, as the services here: their starts and restarts on two cores are the suite's time
        List<String> command = new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + JavaProcess.quietLogback(dir), "-cp", System.getProperty("java.class.path"),
                "kafka.Kafka", properties.toString()));
        nodes[node] = JavaProcess.start("kafka-" + (node + 1), dir.resolve("logs"), command, Map.of());
    }

    private Path writeProperties(int node) {
        String voters = IntStream.range(0, NODES).mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts[i])
                .collect(Collectors.joining(","));
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + (node + 1),
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:" + brokerPorts[node] + ",CONTROLLER://127.0.0.1:" + controllerPorts[node],
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPorts[node],
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data-" + (node + 1)),
                "auto.create.topics.enable=false",
                "default.replication.factor=3",
                "min.insync.replicas=2",
                "offsets.topic.replication.factor=3",
                "transaction.state.log.replication.factor=3",
                "transaction.state.log.min.isr=2",
                "group.initial.rebalance.delay.ms=0",
                // a killed node's partitions move within seconds, not the default 9 s session
                "broker.session.timeout.ms=4000",
                "broker.heartbeat.interval.ms=1000",
                "num.partitions=1",
                "");
        Path file = dir.resolve("node-" + (node + 1) + ".properties");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private TopicDescription describe(String topic) {
        return get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
        for (JavaProcess node : nodes) {
            if (node != null) {
                node.kill();
            }
        }
    }
}
