package io.switchback.sandbox;

import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildConclusion;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.SwitchbackEventSerializer;
import io.switchback.events.Topic;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;

/** The ingress bench's ceiling: the edge's events written by one producer alone, with the edge's settings. */
final class ProducerCeiling {

    private ProducerCeiling() {
    }

    /** The same event as fast as one idempotent acks=all producer writes it: what the edge cannot beat. */
    static void measure(PrintWriter out, String bootstrap, int ceilingEvents) throws InterruptedException {
        Map<String, Object> settings = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, SwitchbackEvent> producer = new KafkaProducer<>(settings, new StringSerializer(),
                SwitchbackEventSerializer.ofCheckedEvents())) {
            settle(producer);
            round(out, producer, ceilingEvents, " (warm-up)");
            round(out, producer, ceilingEvents, "");
        }
    }

    /** One round, with its own count of failed sends: a warm-up's failures are not the measured round's. */
    private static void round(PrintWriter out, KafkaProducer<String, SwitchbackEvent> producer, int events,
            String label) throws InterruptedException {
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        CountDownLatch acked = new CountDownLatch(events);
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            BuildCompleted event = ceilingEvent();
            producer.send(new ProducerRecord<>(Topic.BUILDS.topicName(), event.key(), event), (m, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, e);
                }
                acked.countDown();
            });
        }
        if (!acked.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the producer alone did not finish within 5 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("ceiling%s: one producer alone (acks=all, idempotent, linger 0, the same serializer): "
                + "%d events in %.1f s = %.0f events/s, %d failed%n", label, events, seconds, events / seconds,
                failed.get());
        if (firstFailure.get() != null) {
            out.printf("ceiling: the first failed send: %s%n", firstFailure.get());
        }
        out.flush();
    }

    /**
     * One event to each partition, each waited for, before the ceiling's rounds. The topic was made moments before, as
     * the edge started: a first burst of batches could meet a partition whose leader was still settling, and the
     * idempotent producer then lost its sends for the whole delivery timeout (the first batch answered
     * NOT_LEADER_OR_FOLLOWER, every batch behind it OUT_OF_ORDER_SEQUENCE_NUMBER, until 120 s had passed). One batch in
     * flight is retried alone.
     */
    private static void settle(KafkaProducer<String, SwitchbackEvent> producer) throws InterruptedException {
        String topic = Topic.BUILDS.topicName();
        for (PartitionInfo partition : producer.partitionsFor(topic)) {
            BuildCompleted event = ceilingEvent();
            try {
                producer.send(new ProducerRecord<>(topic, partition.partition(), event.key(), event))
                        .get(1, TimeUnit.MINUTES);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the producer alone could not write to " + topic + "-"
                        + partition.partition() + " within a minute", e);
            }
        }
    }

    private static BuildCompleted ceilingEvent() {
        return new BuildCompleted(UUID.randomUUID().toString(), Instant.now(), "bench",
                "registry.example/checkout:1.5.0", "7f3a9c1", "main", SandboxTrust.SENDER, 1, BuildConclusion.SUCCESS,
                1);
    }
}
