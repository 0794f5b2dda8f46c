package io.switchback.healthmonitor;

import io.switchback.events.HealthBreached;
import io.switchback.events.HealthInconclusive;
import io.switchback.events.HealthRecovered;
import io.switchback.events.HealthEvidence;
import io.switchback.events.HealthSoakHeld;
import io.switchback.events.HealthSoakPassed;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.SwitchbackEventDeserializer;
import io.switchback.events.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code switchback.health} from the beginning, as any consumer would, with a plain KafkaConsumer. */
final class HealthTopic implements AutoCloseable {

    private final KafkaConsumer<String, SwitchbackEvent> consumer;
    private final List<ConsumerRecord<String, SwitchbackEvent>> records = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    HealthTopic(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "health-monitor-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new SwitchbackEventDeserializer());
        consumer.subscribe(List.of(Topic.Names.HEALTH));
        poller = new Thread(this::poll, "health-topic-reader");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        } catch (WakeupException stopping) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    /** The events about one deployment so far, of one type. */
    <T extends ReleaseEvent> List<T> events(Class<T> type, String deploymentId) {
        return records.stream().map(ConsumerRecord::value).filter(type::isInstance).map(type::cast)
                .filter(e -> deploymentIdOf(e).equals(deploymentId)).toList();
    }

    /** The records about one deployment so far, with their keys. */
    List<ConsumerRecord<String, SwitchbackEvent>> records(String deploymentId) {
        return records.stream().filter(r -> r.value() instanceof ReleaseEvent e && deploymentIdOf(e).equals(deploymentId))
                .toList();
    }

    private static String deploymentIdOf(ReleaseEvent event) {
        if (event instanceof HealthBreached breached) {
            return breached.deploymentId();
        }
        if (event instanceof HealthRecovered recovered) {
            return recovered.deploymentId();
        }
        if (event instanceof HealthSoakPassed passed) {
            return passed.deploymentId();
        }
        if (event instanceof HealthSoakHeld held) {
            return held.deploymentId();
        }
        if (event instanceof HealthEvidence evidence) {
            return evidence.deploymentId();
        }
        return event instanceof HealthInconclusive inconclusive ? inconclusive.deploymentId() : "";
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(5_000);
    }
}
