package io.switchback.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The partitions of some topics that a reader in no group assigns itself, followed as they grow: a reader that
 * assigned the partitions there were when it started would not read those added later. It looks at the reader's
 * knowledge of the topics at most once a {@link #LOOK_EVERY}, and the reader keeps that knowledge at most
 * {@link #MAX_AGE} old ({@link #keepFresh}), so a partition added is assigned within about their sum. Used on the
 * reader's own thread only.
 */
public final class FollowedPartitions {

    /** How old a reader's knowledge of the topics' partitions may get: its {@code metadata.max.age.ms}. */
    public static final Duration MAX_AGE = Duration.ofSeconds(5);
    /** How often the reader's knowledge is looked at: from memory, no question to the brokers. */
    public static final Duration LOOK_EVERY = Duration.ofSeconds(1);

    private final List<String> topics;
    private List<TopicPartition> assigned = List.of();
    private long lookedAt;

    public FollowedPartitions(List<String> topics) {
        this.topics = List.copyOf(topics);
    }

    /** Sets a reader's consumer settings so that it learns of added partitions within {@link #MAX_AGE}. */
    public static void keepFresh(Map<? super String, ? super Integer> consumerSettings) {
        consumerSettings.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) MAX_AGE.toMillis());
    }

    /**
     * Assigns the consumer every partition of the topics, as it knows them now (asking the brokers, within
     * {@code timeout}, when it knows nothing of a topic yet), and returns them; the reader seeks them where it starts
     * reading.
     */
    public List<TopicPartition> assignAll(Consumer<?, ?> consumer, Duration timeout) {
        List<TopicPartition> all = partitions(consumer, timeout);
        consumer.assign(all);
        assigned = all;
        lookedAt = System.nanoTime();
        return all;
    }

    /**
     * When a look is due, assigns the partitions added since the last and returns them (the reader seeks them where
     * it reads a new partition from); those it was reading keep their positions. Empty when nothing was added.
     */
    public List<TopicPartition> assignAdded(Consumer<?, ?> consumer) {
        if (System.nanoTime() - lookedAt < LOOK_EVERY.toNanos()) {
            return List.of();
        }
        lookedAt = System.nanoTime();
        List<TopicPartition> now;
        try {
            now = partitions(consumer, MAX_AGE);
        } catch (TimeoutException brokersAway) {
            // a topic it knows nothing of, and no broker to ask: the next look asks again
            return List.of();
        }
        List<TopicPartition> added = now.stream().filter(p -> !assigned.contains(p)).toList();
        if (!added.isEmpty()) {
            List<TopicPartition> all = new ArrayList<>(assigned);
            all.addAll(added);
            consumer.assign(all);
            assigned = List.copyOf(all);
        }
        return added;
    }

    /** The partitions assigned. */
    public List<TopicPartition> assigned() {
        return assigned;
    }

    private List<TopicPartition> partitions(Consumer<?, ?> consumer, Duration timeout) {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
                all.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        all.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        return all;
    }
}
