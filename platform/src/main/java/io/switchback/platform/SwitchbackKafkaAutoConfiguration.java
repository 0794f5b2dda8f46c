package io.switchback.platform;

import io.switchback.events.EventDecodingException;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.SwitchbackEventDeserializer;
import io.switchback.events.FieldPatterns;
import io.switchback.events.SwitchbackEventSerializer;
import io.switchback.events.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The Kafka behaviour every Switchback service shares: idempotent {@code acks=all} producers writing
 * CloudEvents, consumers that decode strictly and commit after the work, one error handler that retries
 * with a bounded backoff and then dead-letters, the topic declarations, and Kafka in health.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(SwitchbackKafkaProperties.class)
public class SwitchbackKafkaAutoConfiguration {

    private static final Pattern CLUSTER_NAME = Pattern.compile(FieldPatterns.NAME);

    /** Durable writes that fail inside the acknowledgement timeout instead of blocking on a missing broker. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer switchbackProducerSettings(SwitchbackKafkaProperties properties) {
        long ackMillis = properties.ackTimeout().toMillis();
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SwitchbackEventSerializer.class,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, ackMillis,
                // every event is a step someone waits for: no batching delay (Kafka 4 defaults to 5 ms)
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, ackMillis / 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ackMillis));
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer switchbackConsumerSettings() {
        return factory -> factory.updateConfigs(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class,
                ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, SwitchbackEventDeserializer.class));
    }

    @Bean
    @SuppressWarnings("unchecked")
    DefaultErrorHandler deadLetteringErrorHandler(ProducerFactory<?, ?> producerFactory,
            SwitchbackKafkaProperties properties, ObjectProvider<MeterRegistry> meters) {
        SwitchbackKafkaProperties.Retry retry = properties.retry();
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(
                DeadLetters.recoverer((ProducerFactory<String, SwitchbackEvent>) producerFactory,
                        meters.getIfAvailable(SimpleMeterRegistry::new)), backOff);
        handler.addNotRetryableExceptions(EventDecodingException.class);
        // a good record that met an outage is retried until the outage ends, never dead-lettered
        FixedBackOff untilItWorks = new FixedBackOff(retry.transientInterval().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS);
        handler.setBackOffFunction((record, failure) ->
                TransientFailureException.isTransient(failure) ? untilItWorks : null);
        return handler;
    }

    /** Picked up by Spring Boot for every listener container: which partitions, hence services, are ours. */
    @Bean
    PartitionOwnership partitionOwnership() {
        return new PartitionOwnership();
    }

    @Bean
    KafkaAdmin.NewTopics switchbackTopics(SwitchbackKafkaProperties properties) {
        return new KafkaAdmin.NewTopics(declarations(properties.topics()).toArray(NewTopic[]::new));
    }

    /** Every topic and its dead-letter twin, as declared at start-up. */
    static List<NewTopic> declarations(SwitchbackKafkaProperties.Topics settings) {
        int partitions = settings.partitions();
        Optional<Short> replication = Optional.ofNullable(settings.replicationFactor());
        Map<String, String> configs = settings.declaredMinInsyncReplicas()
                .map(min -> Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, min.toString())).orElse(Map.of());
        List<NewTopic> topics = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            topics.add(new NewTopic(topic.topicName(), Optional.of(partitions), replication).configs(configs));
            // same partition count, so a dead letter keeps its partition number
            topics.add(new NewTopic(topic.deadLetterTopicName(), Optional.of(partitions), replication)
                    .configs(configs));
        }
        return topics;
    }

    @Bean
    @SuppressWarnings("unchecked")
    EventPublisher eventPublisher(KafkaTemplate<?, ?> kafkaTemplate, SwitchbackKafkaProperties properties,
            Environment environment) {
        String cluster = environment.getProperty(SwitchbackDefaults.CLUSTER_PROPERTY, "");
        if (!cluster.isEmpty() && !CLUSTER_NAME.matcher(cluster).matches()) {
            throw new IllegalStateException(SwitchbackDefaults.CLUSTER_PROPERTY + " (SWITCHBACK_CLUSTER) '" + cluster
                    + "' is not a name: lower-case letters, digits and '-', at most 63, e.g. us-central1");
        }
        // a margin over the producer's own delivery timeout, so Kafka's verdict arrives before ours
        return new EventPublisher((KafkaTemplate<String, SwitchbackEvent>) kafkaTemplate,
                properties.ackTimeout().plusSeconds(1), cluster);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, SwitchbackKafkaProperties properties) {
        return new KafkaHealthIndicator(kafkaAdmin.getConfigurationProperties(), properties.healthTimeout());
    }
}
