package io.switchback.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildConclusion;
import io.switchback.events.SwitchbackEventSerializer;
import io.switchback.events.Topic;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * On a real broker: undecodable records (bad JSON, an unknown type, a schema violation) go straight to the
 * dead-letter topic with the reason; a record whose handling keeps failing goes there after the bounded
 * retries; a record that meets an outage is retried past those bounds until the outage ends, and never
 * dead-lettered; and the good record behind them on the same partition is processed. The instance owns the
 * partitions its consumer was given.
 */
@RealKafka
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.application.name=platform-it",
            "switchback.kafka.retry.initial-interval=20ms",
            "switchback.kafka.retry.max-retries=2",
            "switchback.kafka.retry.transient-interval=50ms"
        })
class DeadLetterIT {

    private static final String KEY = "checkout";

    @Autowired
    PlatformTestApplication.RecordingListener listener;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    PartitionOwnership ownership;

    @Test
    void badRecordsAreDeadLetteredWithTheReasonAndThePartitionKeepsFlowing(KafkaBroker broker) {
        BuildCompleted schemaBreaker = build("main");
        BuildCompleted poison = build("poison");
        BuildCompleted outage = build("outage");
        BuildCompleted good = build("main");
        try (KafkaProducer<String, byte[]> producer = rawProducer(broker)) {
            send(producer, headersOf(schemaBreaker), "{\"service\": \"checkout\",".getBytes(StandardCharsets.UTF_8));
            Headers unknownType = headersOf(schemaBreaker);
            unknownType.remove("ce_type");
            unknownType.add("ce_type", "io.switchback.build.exploded.v1".getBytes(StandardCharsets.UTF_8));
            send(producer, unknownType, valueOf(schemaBreaker));
            String withoutImage = new String(valueOf(schemaBreaker), StandardCharsets.UTF_8)
                    .replaceFirst("\"image\":\"[^\"]*\",", "");
            send(producer, headersOf(schemaBreaker), withoutImage.getBytes(StandardCharsets.UTF_8));
            send(producer, headersOf(poison), valueOf(poison));
            send(producer, headersOf(outage), valueOf(outage));
            send(producer, headersOf(good), valueOf(good));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> listener.received.contains(good));
        List<ConsumerRecord<String, byte[]>> dead = readDeadLetters(broker, 4);

        assertThat(dead).extracting(r -> header(r, DeadLetters.REASON_HEADER))
                .containsExactly("MALFORMED_JSON", "UNKNOWN_TYPE", "SCHEMA_VIOLATION", "PROCESSING_FAILED");
        assertThat(dead).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(KEY);
            assertThat(header(r, "kafka_dlt-original-topic")).isEqualTo(Topic.BUILDS.topicName());
            assertThat(header(r, "kafka_dlt-exception-message")).isNotBlank();
            assertThat(r.headers().lastHeader("ce_id")).as("original headers kept").isNotNull();
        });
        assertThat(header(dead.get(2), DeadLetters.ERROR_HEADER)).contains("image");
        assertThat(header(dead.get(1), DeadLetters.ERROR_HEADER)).contains("io.switchback.build.exploded.v1");
        assertThat(header(dead.get(3), DeadLetters.ERROR_HEADER)).contains("cannot handle poison build");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"service\": \"checkout\",");
        assertThat(listener.poisonAttempts).as("one try plus two retries, then the dead-letter topic")
                .containsExactly(poison.eventId(), poison.eventId(), poison.eventId());
        assertThat(listener.received).doesNotContain(poison).containsSubsequence(outage, good);
        assertThat(listener.outageAttempts).as("more than the bounded retries, and not dead-lettered").hasSize(5);
        assertThat(ownership.owns(Topic.BUILDS.topicName(), KEY)).isTrue();
        assertThat(ownership.owns(Topic.HEALTH.topicName(), "staging/" + KEY)).as("no consumer of it").isFalse();
        assertThat(meters.get("switchback.dead.letters").tag("topic", "switchback.builds.dlt")
                .tag("reason", "SCHEMA_VIOLATION").counter().count()).isEqualTo(1.0);
    }

    private static BuildCompleted build(String branch) {
        return new BuildCompleted(UUID.randomUUID().toString(), Instant.now(), KEY,
                "registry.example/checkout:1.4.0", "7f3a9c1", branch, null, 42, BuildConclusion.SUCCESS, null);
    }

    private static Headers headersOf(BuildCompleted event) {
        Headers headers = new RecordHeaders();
        new SwitchbackEventSerializer().serialize(Topic.BUILDS.topicName(), headers, event);
        return headers;
    }

    private static byte[] valueOf(BuildCompleted event) {
        return new SwitchbackEventSerializer().serialize(Topic.BUILDS.topicName(), new RecordHeaders(), event);
    }

    private static void send(KafkaProducer<String, byte[]> producer, Headers headers, byte[] value) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topic.BUILDS.topicName(), null, KEY, value, headers);
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<String, byte[]> rawProducer(KafkaBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static List<ConsumerRecord<String, byte[]>> readDeadLetters(KafkaBroker broker, int expected) {
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topic.BUILDS.deadLetterTopicName()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                return dead.size() >= expected;
            });
        }
        return dead;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
