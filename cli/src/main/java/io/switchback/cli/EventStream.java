package io.switchback.cli;

import io.switchback.events.CloudEventCodec;
import io.switchback.events.EventDecodingException;
import io.switchback.events.FollowedPartitions;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.SwitchbackEventDeserializer;
import io.switchback.events.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Switchback topic, read as ops read it: no consumer group (nothing committed, nobody else's offsets moved),
 * every partition, from a point in time or from now, and a partition added while it reads from that partition's
 * start ({@link FollowedPartitions}). A record that is not a Switchback event is reported (on
 * stderr) and passed over.
 */
final class EventStream implements AutoCloseable {

    /** An event as read: its topic and the cluster its writer runs in (null in a one-cluster environment). */
    record Seen(SwitchbackEvent event, String topic, String cluster) {
    }

    private static final List<Topic> TOPICS = Arrays.asList(Topic.values());
    private static final Duration READ_LIMIT = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final SwitchbackEventDeserializer deserializer = new SwitchbackEventDeserializer();
    private final FollowedPartitions followed = new FollowedPartitions(TOPICS.stream().map(Topic::topicName).toList());
    /** Where each partition there was at the opening ended then. */
    private final Map<TopicPartition, Long> ends;

    /**
     * @param since where to start: null for now (only what comes next), else the first event at or after it
     */
    EventStream(Map<String, Object> kafka, Instant since) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "switchback-cli");
        FollowedPartitions.keepFresh(config);
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = followed.assignAll(consumer, Duration.ofSeconds(15));
        for (Topic topic : TOPICS) {
            if (partitions.stream().noneMatch(p -> p.topic().equals(topic.topicName()))) {
                throw new IllegalStateException("topic " + topic.topicName() + " does not exist on "
                        + kafka.get("bootstrap.servers") + ": is Switchback running there?");
            }
        }
        ends = consumer.endOffsets(partitions, Duration.ofSeconds(15));
        if (since == null) {
            partitions.forEach(p -> consumer.seek(p, ends.get(p)));
        } else {
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(p -> at.put(p, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(at, Duration.ofSeconds(15));
            partitions.forEach(p -> consumer.seek(p, starts.get(p) == null ? ends.get(p) : starts.get(p).offset()));
        }
        partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(15)));
    }

    /** The events read within {@code timeout}, in the order of each partition. */
    List<Seen> poll(Duration timeout) {
        // a partition added since the opening holds only what was written after it: read from its start
        List<TopicPartition> added = followed.assignAdded(consumer);
        if (!added.isEmpty()) {
            consumer.seekToBeginning(added);
        }
        List<Seen> seen = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            try {
                SwitchbackEvent event = deserializer.deserialize(record.topic(), record.headers(), record.value());
                Header cluster = record.headers().lastHeader(CloudEventCodec.CLUSTER_HEADER);
                seen.add(new Seen(event, record.topic(),
                        cluster == null ? null : new String(cluster.value(), StandardCharsets.UTF_8)));
            } catch (EventDecodingException | IllegalArgumentException e) {
                // the writer's own consumers dead-letter it; a reader says so and goes on
                LOG.warn("passed over {}-{}@{}, not an event of the contract: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        return seen;
    }

    /** Whether everything written before this stream opened is read. */
    boolean caughtUp() {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    /** Everything from the start point up to where the topics ended when this stream opened, ordered by time. */
    List<Seen> readToOpeningEnd() {
        List<Seen> all = new ArrayList<>();
        long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        while (!caughtUp()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topics could not be read to their end within " + READ_LIMIT);
            }
            all.addAll(poll(Duration.ofMillis(500)));
        }
        all.sort((a, b) -> a.event().occurredAt().compareTo(b.event().occurredAt()));
        return all;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
