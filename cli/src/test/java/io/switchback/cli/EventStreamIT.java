package io.switchback.cli;

import static org.awaitility.Awaitility.await;

import io.switchback.events.Color;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentStage;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.SwitchbackEventSerializer;
import io.switchback.events.Topic;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** What `watch` reads: a partition added to a topic while it runs is read too, from that partition's start. */
@RealKafka
class EventStreamIT {

    @Test
    void anEventWrittenToAPartitionAddedWhileTheStreamRunsIsRead(KafkaBroker broker) throws Exception {
        // the sandbox's topics and count (a sandbox started later in this JVM raises counts, never lowers them)
        broker.createTopics(6, Arrays.stream(Topic.values()).map(Topic::topicName).toArray(String[]::new));
        String topic = Topic.DEPLOYMENTS.topicName();
        try (EventStream stream = new EventStream(Map.of("bootstrap.servers", broker.bootstrapServers()), null);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions + 1)))
                    .all().get(30, TimeUnit.SECONDS);
            // written before the stream looks again: the added partition must be read from its start, not its end
            DeploymentFailed failed = new DeploymentFailed(UUID.randomUUID().toString(), Instant.now(), "staging",
                    "search", "event-stream-it-" + UUID.randomUUID(), "registry.example/search:2.0.0",
                    DeploymentStage.READINESS, "not ready", Color.BLUE, null);
            send(broker, failed, partitions);

            List<EventStream.Seen> seen = new ArrayList<>();
            await("the event on the added partition is read").atMost(Duration.ofSeconds(30)).pollInSameThread()
                    .until(() -> {
                        seen.addAll(stream.poll(Duration.ofMillis(200)));
                        return seen.stream().anyMatch(s -> s.event().eventId().equals(failed.eventId()));
                    });
        }
    }

    private static void send(KafkaBroker broker, SwitchbackEvent event, int partition) throws Exception {
        try (KafkaProducer<String, SwitchbackEvent> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
                new SwitchbackEventSerializer())) {
            producer.send(new ProducerRecord<>(event.type().topic().topicName(), partition, event.key(), event))
                    .get(30, TimeUnit.SECONDS);
        }
    }
}
