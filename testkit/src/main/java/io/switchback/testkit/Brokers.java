package io.switchback.testkit;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Provides real brokers: {@code KAFKA_BOOTSTRAP_SERVERS} when set, a Testcontainers broker when a Docker
 * engine answers, otherwise an in-process KRaft broker. Topic auto-creation is off, so a topic nobody
 * declared fails loudly.
 */
public final class Brokers {

    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    private static final Logger LOG = LoggerFactory.getLogger(Brokers.class);
    private static final AtomicInteger DEDICATED = new AtomicInteger();

    private Brokers() {
    }

    /** The broker a test run shares, chosen as the class comment says. */
    static StoppableBroker provide(Map<String, String> env) {
        String external = env.get(BOOTSTRAP_ENV);
        if (external != null && !external.isBlank()) {
            LOG.info("tests use the external Kafka broker at {} ({} is set)", external, BOOTSTRAP_ENV);
            return new StoppableBroker(external, "external", () -> { });
        }
        if (dockerAnswers()) {
            return container();
        }
        return embedded();
    }

    /**
     * A broker of its own for a test that stops it (a fault test). Always in-process, so that stopping
     * it is in the test's hands whatever the environment.
     */
    public static StoppableBroker dedicated() {
        LOG.info("starting dedicated in-process KRaft broker #{}", DEDICATED.incrementAndGet());
        return embedded();
    }

    static StoppableBroker embedded() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        LOG.info("started in-process KRaft broker at {}", broker.getBrokersAsString());
        return new StoppableBroker(broker.getBrokersAsString(), "embedded-kraft", broker::destroy);
    }

    private static StoppableBroker container() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        LOG.info("started Testcontainers Kafka {} at {}", KAFKA_IMAGE, container.getBootstrapServers());
        return new StoppableBroker(container.getBootstrapServers(), "testcontainers", container::stop);
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("no Docker engine: {}", e.toString());
            return false;
        }
    }
}
