package io.switchback.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service reaches Kafka and treats its topics ({@code switchback.kafka.*}). Validated at start-up:
 * a bad or missing value stops the service with a message naming the key. SASL/TLS settings pass
 * through Spring Boot's own {@code spring.kafka.*} keys.
 *
 * @param ackTimeout how long a write waits for Kafka's acknowledgement before it counts as failed
 */
@Validated
@ConfigurationProperties("switchback.kafka")
public record SwitchbackKafkaProperties(
        @NotBlank(message = "set KAFKA_BOOTSTRAP_SERVERS (or switchback.kafka.bootstrap-servers) to the Kafka bootstrap address, host:port[,host:port]")
        String bootstrapServers,
        @Valid @NotNull @DefaultValue Topics topics,
        @Valid @NotNull @DefaultValue Retry retry,
        @NotNull @DefaultValue("2s") Duration healthTimeout,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("5s") Duration ackTimeout) {

    /**
     * Partitions and replication of the declared topics (and of their dead-letter twins).
     *
     * @param replicationFactor absent: the broker's {@code default.replication.factor}
     * @param minInsyncReplicas absent: 2 where the replication factor is 3 or more, so that a write acknowledged with
     *                          {@code acks=all} is on two brokers at least; otherwise the broker's
     */
    public record Topics(
            @Min(value = 1, message = "must be at least 1") @DefaultValue("6") int partitions,
            @Min(value = 1, message = "must be at least 1") Short replicationFactor,
            @Min(value = 1, message = "must be at least 1") Short minInsyncReplicas) {

        /** The {@code min.insync.replicas} the topics are declared with, if any. */
        public Optional<Short> declaredMinInsyncReplicas() {
            if (minInsyncReplicas != null) {
                if (replicationFactor != null && minInsyncReplicas > replicationFactor) {
                    throw new IllegalStateException("switchback.kafka.topics.min-insync-replicas (" + minInsyncReplicas
                            + ") is above switchback.kafka.topics.replication-factor (" + replicationFactor
                            + "): no write could ever be acknowledged");
                }
                return Optional.of(minInsyncReplicas);
            }
            return replicationFactor != null && replicationFactor >= 3 ? Optional.of((short) 2) : Optional.empty();
        }
    }

    /**
     * Bounded exponential backoff before a record that keeps failing goes to its dead-letter topic; a record
     * that failed for a passing reason ({@link TransientFailureException}) is retried every
     * {@code transientInterval} until it succeeds instead.
     */
    public record Retry(
            @NotNull @DefaultValue("200ms") Duration initialInterval,
            @DecimalMin(value = "1.0", message = "must be at least 1.0") @DefaultValue("2.0") double multiplier,
            @NotNull @DefaultValue("2s") Duration maxInterval,
            @Min(value = 0, message = "must not be negative") @DefaultValue("4") int maxRetries,
            @NotNull @DurationMin(millis = 10) @DefaultValue("1s") Duration transientInterval) {
    }
}
