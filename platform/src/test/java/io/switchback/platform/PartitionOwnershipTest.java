package io.switchback.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class PartitionOwnershipTest {

    @Test
    void aKeyIsOwnedWhileItsPartitionIsAssigned() {
        MockConsumer<String, String> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
        consumer.updatePartitions("switchback.health", List.of(partition(0), partition(1), partition(2)));
        PartitionOwnership ownership = new PartitionOwnership();
        int mine = PartitionOwnership.partitionFor("staging/checkout", 3);
        TopicPartition owned = new TopicPartition("switchback.health", mine);

        assertThat(ownership.owns("switchback.health", "staging/checkout")).as("before any assignment").isFalse();
        ownership.onPartitionsAssigned(consumer, List.of(owned));
        assertThat(ownership.owns("switchback.health", "staging/checkout")).isTrue();
        ownership.onPartitionsAssigned(consumer, List.of(new TopicPartition("switchback.health", (mine + 1) % 3)));
        assertThat(ownership.owns("switchback.health", "staging/checkout")).as("cooperative: added, not replaced")
                .isTrue();
        ownership.onPartitionsRevokedBeforeCommit(consumer, List.of(owned));
        assertThat(ownership.owns("switchback.health", "staging/checkout")).isFalse();
        ownership.onPartitionsAssigned(consumer, List.of(owned));
        ownership.onPartitionsLost(consumer, List.of(owned));
        assertThat(ownership.owns("switchback.health", "staging/checkout")).isFalse();
        assertThat(ownership.owned()).hasSize(1);
    }

    @Test
    void landsWhereKafkasDefaultPartitionerSendsTheKey() {
        for (String key : List.of("checkout", "staging/checkout", "production/payments", "a")) {
            assertThat(PartitionOwnership.partitionFor(key, 6))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), 6));
        }
    }

    private static PartitionInfo partition(int number) {
        return new PartitionInfo("switchback.health", number, null, null, null);
    }
}
