package io.switchback.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** With three replicas or more, acks=all means two brokers: the topics are declared with min.insync.replicas=2. */
class TopicDeclarationsTest {

    @Test
    void threeReplicasOrMoreDeclareTwoInSyncReplicasEveryTopicAndItsDeadLetterTwin() {
        List<NewTopic> topics = declared(new SwitchbackKafkaProperties.Topics(6, (short) 3, null));

        assertThat(topics).hasSize(10).allSatisfy(t -> {
            assertThat(t.replicationFactor()).isEqualTo((short) 3);
            assertThat(t.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        });
    }

    @Test
    void fewerReplicasOrTheBrokersDefaultLeaveItToTheBroker() {
        assertThat(declared(new SwitchbackKafkaProperties.Topics(6, (short) 1, null)))
                .allSatisfy(t -> assertThat(t.configs()).doesNotContainKey(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
        assertThat(declared(new SwitchbackKafkaProperties.Topics(6, null, null)))
                .allSatisfy(t -> assertThat(t.configs()).doesNotContainKey(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
    }

    @Test
    void aSettingWinsUnlessNoWriteCouldEverBeAcknowledged() {
        assertThat(declared(new SwitchbackKafkaProperties.Topics(6, (short) 5, (short) 3)))
                .allSatisfy(t -> assertThat(t.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "3"));
        assertThatThrownBy(() -> declared(new SwitchbackKafkaProperties.Topics(6, (short) 2, (short) 3)))
                .hasMessageContaining("switchback.kafka.topics.min-insync-replicas (3) is above");
    }

    private static List<NewTopic> declared(SwitchbackKafkaProperties.Topics topics) {
        List<NewTopic> declared = SwitchbackKafkaAutoConfiguration.declarations(topics);
        assertThat(declared).extracting(NewTopic::name).doesNotHaveDuplicates();
        return declared;
    }
}
