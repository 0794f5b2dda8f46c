package io.switchback.buildlistener.delivery;

import io.switchback.events.CloudEventCodec;
import io.switchback.events.Topic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
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
 * once this replica has read everything any replica had written when it was called.
 */
public final class LedgerTail implements SmartLifecycle, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerTail.class);
    private static final List<Topic> TOPICS = List.of(Topic.BUILDS, Topic.COMMANDS);
    private static final Duration RETRY = Duration.ofSeconds(1);
    static final Duration QUESTION_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ASK_AGAIN_AFTER = Duration.ofMillis(100);
    /** A round is asked again until this old; its callers have given up long before (their wait is the ack timeout). */
    static final Duration ROUND_LIMIT = Duration.ofSeconds(30);

    /** A question the brokers answered: the ends they gave, and the future of every request that joined it. */
    private record Answered(Map<TopicPartition, Long> ends, CompletableFuture<Void> read) {
    }

    /** The requests waiting on the next question, and since when the first of them waits. */
    private record Round(CompletableFuture<Void> read, Instant since) {
    }

    private final ConsumerFactory<?, ?> consumers;
    private final Admin admin;
    private final DeliveryLedger ledger;
    private final Clock clock;
    private final Duration interval;
    private final ConcurrentLinkedQueue<Answered> answered = new ConcurrentLinkedQueue<>();
    private final Object rounds = new Object();
    /** Completes once the next question's ends are read; shared by the requests that joined it. */
    private Round nextRound;
    private boolean asking;
    /** When the last question was asked, by {@link System#nanoTime()}. */
    private long askedAt;
    private volatile List<TopicPartition> partitions = List.of();
    private volatile Map<TopicPartition, Long> positions = Map.of();
    /** The ends when the topics were assigned: read up to them, this replica knows every delivery of its window. */
    private volatile Map<TopicPartition, Long> startEnds;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    /**
     * @param interval the least time between two questions to the brokers: the requests that arrive meanwhile share
     *     the next one (zero: a question as soon as the last is answered)
     */
    public LedgerTail(ConsumerFactory<?, ?> consumers, Admin admin, DeliveryLedger ledger, Clock clock,
            Duration interval) {
        this.consumers = consumers;
        this.admin = admin;
        this.ledger = ledger;
        this.clock = clock;
        this.interval = interval;
        this.askedAt = System.nanoTime() - interval.toNanos();
    }

    /**
     * Completes once this replica has read every edge event written before the call. Concurrent callers share one
     * question to the brokers (the partitions' end offsets): a caller joins the next question, never one already
     * asked, so nothing acknowledged before it called can be missed.
     */
    public CompletableFuture<Void> readUpToNow() {
        synchronized (rounds) {
            if (nextRound == null) {
                nextRound = new Round(new CompletableFuture<>(), clock.instant());
            }
            CompletableFuture<Void> read = nextRound.read();
            if (!asking) {
                ask();
            }
            return read;
        }
    }

    /**
     * Called holding {@link #rounds}: asks the brokers for the end offsets on behalf of everyone waiting. Before the
     * topics are assigned the round stays pending, and is asked once they are (the caller's own wait bounds it).
     * A question is bounded by {@link #QUESTION_TIMEOUT}: one sent to a broker that has just died is otherwise held
     * by the admin client for its whole API timeout (a minute), and every request behind it with it. A question that
     * failed is asked again, fresh, for the same callers, until {@link #ROUND_LIMIT}.
     */
    private void ask() {
        List<TopicPartition> known = partitions;
        if (known.isEmpty()) {
            return;
        }
        long early = askedAt + interval.toNanos() - System.nanoTime();
        if (early > 0) {
            askAfter(early);
            return;
        }
        askedAt = System.nanoTime();
        Round round = nextRound;
        nextRound = null;
        asking = true;
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        known.forEach(p -> latest.put(p, OffsetSpec.latest()));
        ListOffsetsOptions bounded = new ListOffsetsOptions().timeoutMs((int) QUESTION_TIMEOUT.toMillis());
        admin.listOffsets(latest, bounded).all().whenComplete((offsets, failure) -> {
            if (failure == null) {
                Map<TopicPartition, Long> ends = new HashMap<>();
                offsets.forEach((p, info) -> ends.put(p, info.offset()));
                answered.add(new Answered(ends, round.read()));
                release();
            }
            synchronized (rounds) {
                asking = false;
                if (failure != null) {
                    again(round, failure);
                    if (nextRound != null) {
                        askAfter(ASK_AGAIN_AFTER.toNanos());
                    }
                } else if (nextRound != null) {
                    ask();
                }
            }
        });
    }

    /**
     * Called holding {@link #rounds}: the next question is asked after {@code nanos}, callers meanwhile joining it;
     * after a failure (one that comes at once, not by timing out, must not make this a busy loop), or before the
     * interval since the last question has passed.
     */
    private void askAfter(long nanos) {
        asking = true;
        // run by the JDK's delay thread itself: asking does not block, and CompletableFuture's default executor
        // starts a thread per task on 2 CPUs or fewer (docs/benchmarks.md)
        CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS, Runnable::run).execute(() -> {
            synchronized (rounds) {
                asking = false;
                if (nextRound != null) {
                    ask();
                }
            }
        });
    }

    /** Called holding {@link #rounds}: the callers of a round whose question failed join the next question. */
    private void again(Round round, Throwable failure) {
        if (round.read().isDone() || clock.instant().isAfter(round.since().plus(ROUND_LIMIT))) {
            round.read().completeExceptionally(failure);
        } else if (nextRound == null) {
            LOG.debug("the brokers did not say where the topics end ({}); asking again", failure.toString());
            nextRound = round;
        } else {
            // a later question covers everything written before this one was asked
            nextRound.read().whenComplete((done, error) -> {
                if (error == null) {
                    round.read().complete(null);
                } else {
                    round.read().completeExceptionally(error);
                }
            });
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void start() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ValueSkipped.class);
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        overrides.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
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
        assignFromWindowStart();
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                read(record);
            }
            Map<TopicPartition, Long> now = new HashMap<>();
            partitions.forEach(p -> now.put(p, consumer.position(p)));
            positions = now;
            release();
            ledger.forgetBefore(clock.instant());
        }
    }

    /** Completes every answered round whose end offsets this replica has read up to. */
    private void release() {
        Map<TopicPartition, Long> read = positions;
        answered.removeIf(round -> {
            boolean caughtUp = readUpTo(read, round.ends());
            if (caughtUp) {
                round.read().complete(null);
            }
            return caughtUp;
        });
    }

    private static boolean readUpTo(Map<TopicPartition, Long> read, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> read.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    /**
     * Whether this replica has read its memory window up to where the topics ended when it started reading: until
     * then it cannot tell a replay from a new delivery, and is not ready for traffic.
     */
    public boolean caughtUp() {
        Map<TopicPartition, Long> ends = startEnds;
        return ends != null && readUpTo(positions, ends);
    }

    private void assignFromWindowStart() {
        List<TopicPartition> all = new ArrayList<>();
        for (Topic topic : TOPICS) {
            for (PartitionInfo info : consumer.partitionsFor(topic.topicName())) {
                all.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        consumer.assign(all);
        long since = clock.instant().minus(ledger.memory()).toEpochMilli();
        Map<TopicPartition, Long> at = new HashMap<>();
        all.forEach(p -> at.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(at);
        Map<TopicPartition, Long> ends = consumer.endOffsets(all);
        for (TopicPartition partition : all) {
            OffsetAndTimestamp start = starts.get(partition);
            consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
        }
        startEnds = ends;
        partitions = List.copyOf(all);
        synchronized (rounds) {
            if (nextRound != null && !asking) {
                ask();
            }
        }
        LOG.info("delivery ledger reads {} partitions from {}", all.size(), Instant.ofEpochMilli(since));
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
        admin.close(Duration.ofSeconds(2));
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
