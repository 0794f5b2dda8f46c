package io.switchback.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class FollowedPartitionsTest {

    private final MockConsumer<String, String> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    private final FollowedPartitions followed = new FollowedPartitions(List.of("switchback.builds", "switchback.commands"));

    @Test
    void partitionsAddedWhileItReadsAreAssignedBesideTheOthersWhichKeepTheirPositions() {
        consumer.updatePartitions("switchback.builds", partitions("switchback.builds", 2));
        consumer.updatePartitions("switchback.commands", partitions("switchback.commands", 1));
        assertThat(followed.assignAll(consumer, Duration.ofSeconds(1))).containsExactly(
                new TopicPartition("switchback.builds", 0), new TopicPartition("switchback.builds", 1),
                new TopicPartition("switchback.commands", 0));
        consumer.seek(new TopicPartition("switchback.builds", 1), 42);
        assertThat(followed.assignAdded(consumer)).as("nothing added").isEmpty();

        consumer.updatePartitions("switchback.builds", partitions("switchback.builds", 4));
        List<TopicPartition> added = await("the next look").atMost(Duration.ofSeconds(5))
                .until(() -> followed.assignAdded(consumer), list -> !list.isEmpty());

        assertThat(added).containsExactly(new TopicPartition("switchback.builds", 2),
                new TopicPartition("switchback.builds", 3));
        assertThat(consumer.assignment()).hasSize(5).containsAll(followed.assigned());
        assertThat(consumer.position(new TopicPartition("switchback.builds", 1))).isEqualTo(42);
        assertThat(followed.assignAdded(consumer)).as("each added once").isEmpty();
    }

    @Test
    void aReaderKeepsItsKnowledgeOfThePartitionsAtMostFiveSecondsOld() {
        Map<String, Object> settings = new HashMap<>();
        FollowedPartitions.keepFresh(settings);
        assertThat(settings).containsEntry(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
    }

    private static List<PartitionInfo> partitions(String topic, int count) {
        return IntStream.range(0, count).mapToObj(p -> new PartitionInfo(topic, p, null, null, null)).toList();
    }
}
