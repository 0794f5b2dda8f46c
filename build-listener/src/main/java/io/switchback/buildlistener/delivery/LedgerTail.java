package io.switchback.buildlistener.delivery;

import io.switchback.events.CloudEventCodec;
import io.switchback.events.FollowedPartitions;
import io.switchback.events.Topic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Reads back every event the edge writes (builds and commands), from the start of the memory window, and records
 * the delivery each names in the {@link DeliveryLedger}. No consumer group: every replica reads every partition,
 * headers only. {@link #readUpToNow()} is the barrier that makes a replay a duplicate at every replica: it completes
 * once this replica has read everything any replica had written when it was called. A partition added to a topic
 * while it runs is read within seconds ({@link FollowedPartitions}), from the start of the window; until then the
 * barrier does not cover it (docs/decisions.md).
 */
public final class LedgerTail implements SmartLifecycle, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerTail.class);
    /** What the edge writes: the topics every replica's ledger reads. */
    public static final List<String> EDGE_TOPICS = List.of(Topic.BUILDS.topicName(), Topic.COMMANDS.topicName());
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** How long the reader waits for the brokers to name the topics' partitions when it starts. */
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);

    private final ConsumerFactory<?, ?> consumers;
    private final FollowedPartitions partitions;
    private final DeliveryLedger ledger;
    private final Clock clock;
    private final ReadBarrier barrier;
    /** The ends when the topics were assigned: read up to them, this replica knows every delivery of its window. */
    private volatile Map<TopicPartition, Long> startEnds;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    /**
     * @param topics the topics it reads ({@link #EDGE_TOPICS})
     * @param interval the least time between two questions to the brokers: the requests that arrive meanwhile share
     *     the next one (zero: a question as soon as the last is answered)
     */
    public LedgerTail(ConsumerFactory<?, ?> consumers, List<String> topics, Admin admin, DeliveryLedger ledger,
            Clock clock, Duration interval) {
        this.consumers = consumers;
        this.partitions = new FollowedPartitions(topics);
        this.ledger = ledger;
        this.clock = clock;
        this.barrier = new ReadBarrier(admin, clock, interval);
    }

    /**
     * Completes once this replica has read every edge event written before the call, on every partition it reads.
     * Concurrent callers share one question to the brokers ({@link ReadBarrier}).
     */
    public CompletableFuture<Void> readUpToNow() {
        return barrier.readUpToNow();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void start() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ValueSkipped.class);
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        overrides.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        FollowedPartitions.keepFresh(overrides);
        consumer = (Consumer<byte[], byte[]>) consumers.createConsumer(null, "build-listener-deliveries", null, overrides);
        running = true;
        thread = new Thread(this, "delivery-ledger");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    follow();
                } catch (WakeupException stopping) {
                    return;
                } catch (RuntimeException e) {
                    // Kafka unreachable: requests are answered 503 meanwhile, by the publisher or by the barrier
                    LOG.warn("delivery ledger cannot read the topics ({}); trying again", e.toString());
                    Thread.sleep(RETRY.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void follow() {
        readFromWindowStart(partitions.assignAll(consumer, LIST_TIMEOUT), true);
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                read(record);
            }
            List<TopicPartition> added = partitions.assignAdded(consumer);
            if (!added.isEmpty()) {
                readFromWindowStart(added, false);
            }
            Map<TopicPartition, Long> read = new HashMap<>();
            for (TopicPartition partition : partitions.assigned()) {
                read.put(partition, consumer.position(partition));
            }
            barrier.readTo(read);
            ledger.forgetBefore(clock.instant());
        }
    }

    /**
     * Whether this replica has read its memory window up to where the topics ended when it started reading: until
     * then it cannot tell a replay from a new delivery, and is not ready for traffic.
     */
    public boolean caughtUp() {
        Map<TopicPartition, Long> ends = startEnds;
        return ends != null && barrier.readUpTo(ends);
    }

    /**
     * Seeks partitions just assigned to the start of the memory window, and has the barrier cover every partition
     * assigned from now on. Their ends are asked before the times: a partition with nothing written since the
     * window's start is read from where it ended before that answer, so nothing written meanwhile is skipped.
     */
    private void readFromWindowStart(List<TopicPartition> sought, boolean atStart) {
        long since = clock.instant().minus(ledger.memory()).toEpochMilli();
        Map<TopicPartition, Long> ends = consumer.endOffsets(sought);
        Map<TopicPartition, Long> at = new HashMap<>();
        sought.forEach(p -> at.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(at);
        for (TopicPartition partition : sought) {
            OffsetAndTimestamp start = starts.get(partition);
            consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
        }
        if (atStart) {
            startEnds = ends;
        }
        barrier.reading(partitions.assigned());
        LOG.info("delivery ledger reads {} partitions, {} of them from {}", partitions.assigned().size(),
                sought.size(), Instant.ofEpochMilli(since));
    }

    private void read(ConsumerRecord<byte[], byte[]> record) {
        String delivery = header(record, CloudEventCodec.DELIVERY_HEADER);
        String eventId = header(record, "ce_id");
        if (delivery != null && eventId != null && record.key() != null) {
            ledger.record(delivery, new String(record.key(), StandardCharsets.UTF_8), eventId,
                    Instant.ofEpochMilli(record.timestamp()));
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void stop() {
        running = false;
        Consumer<byte[], byte[]> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        Thread tail = thread;
        if (tail != null) {
            try {
                tail.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
        barrier.close();
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** The ledger reads keys and headers only: the event itself is neither copied nor decoded. */
    public static final class ValueSkipped implements Deserializer<byte[]> {

        @Override
        public byte[] deserialize(String topic, byte[] data) {
            return null;
        }

        @Override
        public byte[] deserialize(String topic, Headers headers, ByteBuffer data) {
            return null;
        }
    }
}
