package io.switchback.sandbox;

import io.switchback.events.CloudEventCodec;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.SwitchbackEventDeserializer;
import io.switchback.events.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Follows every Switchback topic from the moment it starts, as ops would with kcat, and keeps what it saw. */
public final class EventTimeline implements AutoCloseable {

    /**
     * One event, when it was read, and from where.
     *
     * @param cluster the cluster its writer runs in (the {@code ce_cluster} header), or null in a one-cluster environment
     */
    public record Entry(Instant readAt, String topic, SwitchbackEvent event, String cluster) {
    }

    private final KafkaConsumer<String, SwitchbackEvent> consumer;
    private final List<Entry> entries = new ArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public EventTimeline(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new SwitchbackEventDeserializer());
        List<TopicPartition> partitions = Arrays.stream(Topic.values())
                .flatMap(t -> consumer.partitionsFor(t.topicName()).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        poller = new Thread(this::poll, "event-timeline");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> add(new Entry(Instant.now(), r.topic(), r.value(),
                        cluster(r.headers().lastHeader(CloudEventCodec.CLUSTER_HEADER)))));
            }
        } catch (WakeupException stopping) {
            // closed
        } finally {
            consumer.close();
        }
    }

    private static String cluster(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The first entry whose event is of that type and matches, waiting up to {@code timeout} for it. */
    public synchronized <T extends SwitchbackEvent> Optional<Entry> awaitEntry(Class<T> type,
            BiPredicate<T, String> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Entry> found = entries.stream().filter(e -> type.isInstance(e.event())
                    && matching.test(type.cast(e.event()), e.cluster())).findFirst();
            long left = deadline - System.nanoTime();
            if (found.isPresent() || left <= 0) {
                return found;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private synchronized void add(Entry entry) {
        entries.add(entry);
        notifyAll();
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The first event of that type that matches, waiting up to {@code timeout} for it. */
    public <T extends SwitchbackEvent> Optional<T> await(Class<T> type, Predicate<T> matching, Duration timeout) {
        return awaitEntry(type, (event, cluster) -> matching.test(event), timeout).map(Entry::event).map(type::cast);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
