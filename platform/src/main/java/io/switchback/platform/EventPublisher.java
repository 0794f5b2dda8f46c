package io.switchback.platform;

import io.switchback.events.CloudEventCodec;
import io.switchback.events.SwitchbackEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Writes an event to its topic, keyed as the contract says, and returns only once Kafka acknowledged it
 * ({@code acks=all}). Every Switchback service writes through this one door. An instance that runs in one
 * cluster of an environment with several names it on every event, as the CloudEvents extension attribute
 * {@value CloudEventCodec#CLUSTER_EXTENSION} (the {@code ce_cluster} header).
 */
public class EventPublisher {

    private final KafkaTemplate<String, SwitchbackEvent> template;
    private final Duration ackTimeout;
    private final String cluster;

    public EventPublisher(KafkaTemplate<String, SwitchbackEvent> template, Duration ackTimeout) {
        this(template, ackTimeout, null);
    }

    /** @param cluster the cluster this instance runs in; null or empty when its environment has one */
    public EventPublisher(KafkaTemplate<String, SwitchbackEvent> template, Duration ackTimeout, String cluster) {
        this.template = template;
        this.ackTimeout = ackTimeout;
        this.cluster = cluster == null || cluster.isBlank() ? null : cluster;
    }

    /** How long {@link #confirm} waits for Kafka's acknowledgement of a send. */
    public Duration ackTimeout() {
        return ackTimeout;
    }

    /** @throws EventNotAcknowledgedException when Kafka does not acknowledge within the timeout */
    public RecordMetadata publish(SwitchbackEvent event) {
        return confirm(event, send(event));
    }

    /**
     * Writes an event that answers an HTTP delivery, naming it in the {@value CloudEventCodec#DELIVERY_HEADER}
     * header.
     *
     * @throws EventNotAcknowledgedException when Kafka does not acknowledge within the timeout
     */
    public RecordMetadata publish(SwitchbackEvent event, String delivery) {
        return confirm(event, send(event, delivery));
    }

    /**
     * Sends without waiting, for a caller with work to do meanwhile; it must {@link #confirm} before it
     * reports anything that depends on the event having been written.
     */
    public CompletableFuture<SendResult<String, SwitchbackEvent>> send(SwitchbackEvent event) {
        return send(event, null);
    }

    /** As {@link #send(SwitchbackEvent)}, naming the delivery the event answers when it is not null. */
    public CompletableFuture<SendResult<String, SwitchbackEvent>> send(SwitchbackEvent event, String delivery) {
        try {
            ProducerRecord<String, SwitchbackEvent> record =
                    new ProducerRecord<>(event.type().topic().topicName(), event.key(), event);
            if (cluster != null) {
                record.headers().add(CloudEventCodec.CLUSTER_HEADER, cluster.getBytes(StandardCharsets.UTF_8));
            }
            if (delivery != null) {
                record.headers().add(CloudEventCodec.DELIVERY_HEADER, delivery.getBytes(StandardCharsets.UTF_8));
            }
            return template.send(record);
        } catch (RuntimeException e) {
            // e.g. no metadata within max.block.ms: the send fails before it has a future
            return CompletableFuture.failedFuture(e);
        }
    }

    /** @throws EventNotAcknowledgedException when Kafka does not acknowledge within the timeout */
    public RecordMetadata confirm(SwitchbackEvent event, CompletableFuture<SendResult<String, SwitchbackEvent>> sent) {
        try {
            return sent.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS).getRecordMetadata();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotAcknowledgedException(event, "interrupted", e);
        } catch (ExecutionException e) {
            throw EventNotAcknowledgedException.failed(event, e.getCause());
        } catch (TimeoutException e) {
            throw EventNotAcknowledgedException.unanswered(event, ackTimeout, e);
        } catch (RuntimeException e) {
            throw new EventNotAcknowledgedException(event, e.toString(), e);
        }
    }

    /** Kafka did not take the event: the caller must not report success; retrying later may succeed. */
    public static class EventNotAcknowledgedException extends TransientFailureException {
        public EventNotAcknowledgedException(SwitchbackEvent event, String why, Throwable cause) {
            super(event.type().ceType() + " " + event.eventId() + " not acknowledged by Kafka: " + why, cause);
        }

        /** The send failed: {@code failure} is what its future completed with (a {@link CompletionException}'s cause). */
        public static EventNotAcknowledgedException failed(SwitchbackEvent event, Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return new EventNotAcknowledgedException(event, String.valueOf(cause), cause);
        }

        /** Kafka did not answer the send within {@code ackTimeout}. */
        public static EventNotAcknowledgedException unanswered(SwitchbackEvent event, Duration ackTimeout,
                TimeoutException timeout) {
            return new EventNotAcknowledgedException(event,
                    "no acknowledgement within " + ackTimeout.toMillis() + " ms", timeout);
        }
    }
}
