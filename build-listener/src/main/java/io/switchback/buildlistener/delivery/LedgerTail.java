package io.switchback.buildlistener.delivery;

import io.switchback.events.CloudEventCodec;
import io.switchback.events.Topic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.apache.kafka.common.PartitionInfo;
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
 * while it runs is read within about {@link #PARTITIONS_MAX_AGE} and a second, from the start of the window; until
 * then the barrier does not cover it (docs/decisions.md).
 */
public final class LedgerTail implements SmartLifecycle, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerTail.class);
    /** What the edge writes: the topics every replica's ledger reads. */
    public static final List<String> EDGE_TOPICS = List.of(Topic.BUILDS.topicName(), Topic.COMMANDS.topicName());
    private static final Duration RETRY = Duration.ofSeconds(1);
    /**
     * How old the reader's knowledge of the topics' partitions may get (its {@code metadata.max.age.ms}), and how
     * often it looks at it: a partition added to a topic is read from within about the sum.
     */
    static final Duration PARTITIONS_MAX_AGE = Duration.ofSeconds(5);
    private static final Duration LOOK_FOR_PARTITIONS_EVERY = Duration.ofSeconds(1);

    private final ConsumerFactory<?, ?> consumers;
    private final List<String> topics;
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
        this.topics = List.copyOf(topics);
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
        overrides.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) PARTITIONS_MAX_AGE.toMillis());
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
        List<TopicPartition> reading = readFromWindowStart(List.of(), partitionsNow());
        long lookedAt = System.nanoTime();
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                read(record);
            }
            if (System.nanoTime() - lookedAt >= LOOK_FOR_PARTITIONS_EVERY.toNanos()) {
                lookedAt = System.nanoTime();
                List<TopicPartition> now = partitionsNow();
                if (!now.equals(reading)) {
                    reading = readFromWindowStart(reading, now);
                }
            }
            Map<TopicPartition, Long> read = new HashMap<>();
            for (TopicPartition partition : reading) {
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

    /** The topics' partitions, as the reader last learnt them (at most {@link #PARTITIONS_MAX_AGE} ago). */
    private List<TopicPartition> partitionsNow() {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                all.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        all.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        return all;
    }

    /**
     * Reads {@code now}: the partitions it was {@code reading} from where it was, the others from the start of the
     * memory window. Their ends are asked before the times: a partition with nothing written since the window's start
     * is read from where it ended before that answer, so nothing written meanwhile is skipped.
     */
    private List<TopicPartition> readFromWindowStart(List<TopicPartition> reading, List<TopicPartition> now) {
        List<TopicPartition> added = now.stream().filter(p -> !reading.contains(p)).toList();
        consumer.assign(now); // a partition it was reading keeps its position
        long since = clock.instant().minus(ledger.memory()).toEpochMilli();
        Map<TopicPartition, Long> ends = consumer.endOffsets(added);
        Map<TopicPartition, Long> at = new HashMap<>();
        added.forEach(p -> at.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(at);
        for (TopicPartition partition : added) {
            OffsetAndTimestamp start = starts.get(partition);
            consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
        }
        if (reading.isEmpty()) {
            startEnds = ends;
        }
        barrier.reading(now);
        LOG.info("delivery ledger reads {} partitions, {} of them from {}", now.size(), added.size(),
                Instant.ofEpochMilli(since));
        return now;
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
