package io.switchback.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class BrokersIT {

    @Test
    void anExternalBrokerIsUsedAsItIsGiven() {
        try (StoppableBroker broker = Brokers.provide(Map.of(Brokers.BOOTSTRAP_ENV, "kafka.example:9092"))) {
            assertThat(broker.bootstrapServers()).isEqualTo("kafka.example:9092");
            assertThat(broker.origin()).isEqualTo("external");
        }
    }

    @Test
    void withoutDockerOrAnAddressAnInProcessBrokerServesAndRefusesAutoCreation() throws Exception {
        try (StoppableBroker broker = Brokers.provide(Map.of());
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            assertThat(broker.origin()).isIn("embedded-kraft", "testcontainers");
            broker.createTopics(3, "brokers-it");
            broker.createTopics(3, "brokers-it");
            assertThat(admin.describeTopics(List.of("brokers-it")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("brokers-it").partitions()).hasSize(3);
            String nodeId = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next().idString();
            String autoCreate = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, nodeId)))
                    .all().get(30, TimeUnit.SECONDS).values().iterator().next()
                    .get("auto.create.topics.enable").value();
            assertThat(autoCreate).isEqualTo("false");
        }
    }
}
