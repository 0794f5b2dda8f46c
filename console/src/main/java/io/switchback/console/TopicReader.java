package io.switchback.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchback.events.CloudEventCodec;
import io.switchback.events.FollowedPartitions;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.SwitchbackEventDeserializer;
import io.switchback.events.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the five topics from the start of their retention into the {@link StatusView}, then follows them. A plain
 * consumer with its partitions assigned, in no consumer group and committing nothing: every replica reads
 * everything, and a restart reads it all again. Ready ({@code topics} in the readiness group) once it has read up
 * to where the topics ended when it started, so a page never shows half the story. A partition added to a topic
 * while it runs is read from its start within seconds ({@link FollowedPartitions}). A record it cannot decode is
 * counted, logged and stepped over: the writer's consumers dead-letter it, a reader only skips it.
 */
@Component("topics")
public class TopicReader implements SmartLifecycle, HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> config;
    private final FollowedPartitions followed = new FollowedPartitions(
            Arrays.stream(Topic.values()).map(Topic::topicName).toList());
    private final StatusView view;
    private final Counter read;
    private final Counter undecodable;
    private volatile Map<TopicPartition, Long> endAtStart;
    private volatile boolean caughtUp;
    private volatile boolean running;
    private volatile KafkaConsumer<String, SwitchbackEvent> consumer;
    private Thread poller;

    public TopicReader(KafkaProperties kafka, StatusView view, MeterRegistry meters) {
        Map<String, Object> settings = new HashMap<>(kafka.buildConsumerProperties());
        // no group: nothing is committed, every replica reads every partition
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, SwitchbackEventDeserializer.class);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "switchback-console");
        FollowedPartitions.keepFresh(settings);
        this.config = settings;
        this.view = view;
        this.read = Counter.builder("switchback.console.events").description("Events read from the topics")
                .register(meters);
        this.undecodable = Counter.builder("switchback.console.events.undecodable")
                .description("Records that did not decode as an event of the contract, stepped over").register(meters);
    }

    @Override
    public void start() {
        running = true;
        poller = new Thread(this::readAll, "console-topics");
        poller.setDaemon(true);
        poller.start();
    }

    private void readAll() {
        try (KafkaConsumer<String, SwitchbackEvent> c = new KafkaConsumer<>(config)) {
            consumer = c;
            List<TopicPartition> partitions = untilKafkaAnswers("listing the topics",
                    () -> followed.assignAll(c, LIST_TIMEOUT));
            c.seekToBeginning(partitions);
            endAtStart = untilKafkaAnswers("reading where the topics end", () -> c.endOffsets(partitions, LIST_TIMEOUT));
            LOG.info("reading {} partitions of {} topics from the start", partitions.size(), Topic.values().length);
            while (running) {
                poll(c);
                List<TopicPartition> added = followed.assignAdded(c);
                if (!added.isEmpty()) {
                    c.seekToBeginning(added);
                    LOG.info("reading {} partitions added to the topics from the start", added.size());
                }
                if (!caughtUp && endAtStart.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    LOG.info("read the topics up to where they ended at start: {} events", (long) read.count());
                }
            }
        } catch (WakeupException stopping) {
            // stopped
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("stopped reading the topics: {}", e.toString(), e);
            }
        } finally {
            running = false;
        }
    }

    /** Asks again until Kafka answers (it may start after this service, or be away a while); stops when stopped. */
    private <T> T untilKafkaAnswers(String what, Supplier<T> question) {
        while (true) {
            try {
                return question.get();
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.warn("no answer from Kafka {} within {} s; asking again", what, LIST_TIMEOUT.toSeconds());
            }
        }
    }

    private void poll(KafkaConsumer<String, SwitchbackEvent> c) {
        try {
            for (ConsumerRecord<String, SwitchbackEvent> record : c.poll(POLL)) {
                view.apply(record.value(), cluster(record.headers().lastHeader(CloudEventCodec.CLUSTER_HEADER)));
                read.increment();
            }
        } catch (RecordDeserializationException e) {
            undecodable.increment();
            LOG.warn("stepped over {}-{} at offset {}: {}", e.topicPartition().topic(), e.topicPartition().partition(),
                    e.offset(), e.getMessage());
            c.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    private static String cluster(Header header) {
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public Health health() {
        if (caughtUp && running) {
            return Health.up().withDetail("events", (long) read.count()).build();
        }
        return Health.down().withDetail("reason", running ? "reading the topics up to where they ended at start"
                : "not reading the topics").withDetail("events", (long) read.count()).build();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, SwitchbackEvent> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (poller != null) {
            try {
                poller.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
