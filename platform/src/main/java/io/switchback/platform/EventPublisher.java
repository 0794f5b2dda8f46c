package io.switchback.platform;

import io.switchback.events.SwitchbackEvent;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes an event to its topic, keyed as the contract says, and returns only once Kafka acknowledged it
 * ({@code acks=all}). Every Switchback service writes through this one door.
 */
public class EventPublisher {

    private final KafkaTemplate<String, SwitchbackEvent> template;
    private final Duration ackTimeout;

    public EventPublisher(KafkaTemplate<String, SwitchbackEvent> template, Duration ackTimeout) {
        this.template = template;
        this.ackTimeout = ackTimeout;
    }

    /** @throws EventNotAcknowledgedException when Kafka does not acknowledge within the timeout */
    public RecordMetadata publish(SwitchbackEvent event) {
        try {
            return template.send(event.type().topic().topicName(), event.key(), event)
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS).getRecordMetadata();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotAcknowledgedException(event, "interrupted", e);
        } catch (ExecutionException e) {
            throw new EventNotAcknowledgedException(event, String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new EventNotAcknowledgedException(event, "no acknowledgement within " + ackTimeout.toMillis() + " ms", e);
        } catch (RuntimeException e) {
            throw new EventNotAcknowledgedException(event, e.toString(), e);
        }
    }

    /** Kafka did not take the event: the caller must not report success. */
    public static class EventNotAcknowledgedException extends RuntimeException {
        public EventNotAcknowledgedException(SwitchbackEvent event, String why, Throwable cause) {
            super(event.type().ceType() + " " + event.eventId() + " not acknowledged by Kafka: " + why, cause);
        }
    }
}
