package io.switchback.buildlistener.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchback.events.CloudEventCodec;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * The ledger's reads against a real broker: requests that arrive within the interval share one question; a partition
 * added while it runs is read.
 */
@RealKafka
class LedgerTailIT {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    @Test
    void questionsToTheBrokersAreAnIntervalApartAndSharedByTheRequestsThatArriveMeanwhile(KafkaBroker broker)
            throws Exception {
        // as the services declare them (switchback.kafka.topics.partitions): the broker is shared with the other ITs,
        // whose replicas read the partitions there are when they start
        broker.createTopics(6, LedgerTail.EDGE_TOPICS.toArray(String[]::new));
        List<Long> asked = new CopyOnWriteArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            LedgerTail tail = new LedgerTail(consumers(broker), LedgerTail.EDGE_TOPICS, counting(admin, asked),
                    new DeliveryLedger(Duration.ofHours(1), 1_000), Clock.systemUTC(), INTERVAL);
            tail.start();
            try {
                await("the window read").atMost(Duration.ofSeconds(30)).until(tail::caughtUp);
                List<CompletableFuture<Void>> callers = new ArrayList<>();
                for (int caller = 0; caller < 5; caller++) {
                    callers.add(CompletableFuture.runAsync(() -> {
                        for (int request = 0; request < 6; request++) {
                            tail.readUpToNow().orTimeout(30, TimeUnit.SECONDS).join();
                        }
                    }));
                }
                CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            } finally {
                tail.stop();
            }
        }

        assertThat(asked).as("30 requests, 5 at a time").hasSizeBetween(6, 12);
        for (int i = 1; i < asked.size(); i++) {
            // the proxy notes a question a little after the tail decided to ask it, and on a loaded machine the
            // thread can lose the CPU between the two (CI once saw a gap of 192.7 ms): a quarter of the interval of
            // slack, while questions asked without waiting are a broker's round trip apart (a few milliseconds)
            assertThat(Duration.ofNanos(asked.get(i) - asked.get(i - 1)))
                    .isGreaterThanOrEqualTo(INTERVAL.minus(INTERVAL.dividedBy(4)));
        }
    }

    @Test
    void aPartitionAddedWhileItRunsIsReadFromTheWindowsStartAndTheBarrierCoversIt(KafkaBroker broker) throws Exception {
        // topics of its own: the edge's, shared with the other ITs, keep their count
        List<String> topics = List.of("ledger-growth-builds", "ledger-growth-commands");
        broker.createTopics(1, topics.toArray(String[]::new));
        DeliveryLedger ledger = new DeliveryLedger(Duration.ofHours(1), 1_000);
        String eventId = UUID.randomUUID().toString();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
                Producer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            LedgerTail tail = new LedgerTail(consumers(broker), topics, admin, ledger, Clock.systemUTC(), Duration.ZERO);
            tail.start();
            try {
                await("the window read").atMost(Duration.ofSeconds(30)).until(tail::caughtUp);
                admin.createPartitions(Map.of(topics.get(0), NewPartitions.increaseTo(3))).all()
                        .get(30, TimeUnit.SECONDS);
                // written by a replica that knows the new partition, before this one has noticed it
                ProducerRecord<byte[], byte[]> replayed = new ProducerRecord<>(topics.get(0), 2,
                        "checkout".getBytes(StandardCharsets.UTF_8), new byte[0]);
                replayed.headers().add(CloudEventCodec.DELIVERY_HEADER, "repo-a d-1".getBytes(StandardCharsets.UTF_8))
                        .add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
                producer.send(replayed).get(30, TimeUnit.SECONDS);

                await("the added partition read").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    tail.readUpToNow().get(10, TimeUnit.SECONDS);
                    assertThat(ledger.eventId("repo-a d-1", "checkout")).isEqualTo(eventId);
                });
            } finally {
                tail.stop();
            }
        }
    }

    private static DefaultKafkaConsumerFactory<byte[], byte[]> consumers(KafkaBroker broker) {
        return new DefaultKafkaConsumerFactory<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    /** The admin client, noting when each question of where the topics end is asked. */
    private static Admin counting(Admin admin, List<Long> asked) {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, arguments) -> {
                    if ("listOffsets".equals(method.getName())) {
                        asked.add(System.nanoTime());
                    }
                    try {
                        return method.invoke(admin, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
