package io.switchback.platform;

import io.switchback.events.EventDecodingException;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Sends a record a consumer gave up on to {@code <topic>.dlt}, same partition, original key, value and
 * headers, plus the reason: {@value #REASON_HEADER} (an {@link EventDecodingException.Reason} or
 * {@code PROCESSING_FAILED}) and {@value #ERROR_HEADER} (what exactly is wrong), beside Spring Kafka's
 * {@code kafka_dlt-exception-*} headers.
 */
public final class DeadLetters {

    public static final String REASON_HEADER = "switchback_dlt_reason";
    public static final String ERROR_HEADER = "switchback_dlt_error";
    public static final String PROCESSING_FAILED = "PROCESSING_FAILED";

    private DeadLetters() {
    }

    /**
     * @param events the producer factory of events (for records that decoded but failed in a listener)
     */
    public static DeadLetterPublishingRecoverer recoverer(ProducerFactory<String, SwitchbackEvent> events,
            MeterRegistry meters) {
        // undecodable records travel on as the bytes they arrived as
        ProducerFactory<String, byte[]> raw = new DefaultKafkaProducerFactory<>(
                events.getConfigurationProperties(), new StringSerializer(), new ByteArraySerializer());
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, new KafkaTemplate<>(raw));
        templates.put(SwitchbackEvent.class, new KafkaTemplate<>(events));
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(templates,
                (record, exception) -> new TopicPartition(Topic.deadLetterOf(record.topic()), record.partition()));
        recoverer.addHeadersFunction((record, exception) -> {
            Headers headers = reasonHeader(record, exception);
            meters.counter("switchback.dead.letters", "topic", Topic.deadLetterOf(record.topic()),
                    "reason", new String(headers.lastHeader(REASON_HEADER).value(), StandardCharsets.UTF_8)).increment();
            return headers;
        });
        return recoverer;
    }

    static Headers reasonHeader(ConsumerRecord<?, ?> record, Exception exception) {
        Throwable cause = rootCause(exception);
        String reason = cause instanceof EventDecodingException decoding ? decoding.reason().name() : PROCESSING_FAILED;
        Headers headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(ERROR_HEADER, String.valueOf(cause.getMessage()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The decoding error if there is one, else the innermost cause: the one that says what went wrong. */
    private static Throwable rootCause(Throwable exception) {
        Throwable innermost = exception;
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof EventDecodingException) {
                return t;
            }
            innermost = t;
        }
        return innermost;
    }
}
