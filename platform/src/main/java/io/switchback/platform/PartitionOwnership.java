package io.switchback.platform;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Which partitions this instance's consumers own now, hence which services it is in charge of: a record
 * key lands on the partition Kafka's default partitioner picks for it, and the consumer group gives each
 * partition to exactly one instance. The background work of a service (soaks, evaluations, repairs) is done
 * by the instance that owns its key, so that two replicas never take the same decision twice.
 */
public class PartitionOwnership implements ConsumerAwareRebalanceListener {

    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();

    /** Whether this instance owns the partition {@code key} lands on in {@code topic}. */
    public boolean owns(String topic, String key) {
        Integer count = partitionCounts.get(topic);
        return count != null && owned.contains(new TopicPartition(topic, partitionFor(key, count)));
    }

    /** The partition Kafka's default partitioner sends a keyed record to. */
    public static int partitionFor(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // cooperative rebalancing hands over only the additions; eager, everything again: either way, add
        for (TopicPartition partition : partitions) {
            partitionCounts.computeIfAbsent(partition.topic(), topic -> consumer.partitionsFor(topic).size());
            owned.add(partition);
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
    }

    /** The partitions owned now, for diagnostics and tests. */
    public Set<TopicPartition> owned() {
        return Set.copyOf(owned);
    }
}
