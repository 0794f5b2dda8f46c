package io.switchback.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every Switchback service starts with, at the lowest precedence so that any configuration
 * overrides them: Kafka from {@code KAFKA_BOOTSTRAP_SERVERS}, a consumer group per service, environment and
 * cluster ({@value #CLUSTER_PROPERTY}, when set), the actuator endpoints Kubernetes and Prometheus use, Kafka
 * in readiness (not liveness: a broker outage must not restart every pod).
 */
public class SwitchbackDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "switchbackDefaults";
    /** The cluster this installation runs in, when its environment spans several; empty when it has one. */
    public static final String CLUSTER_PROPERTY = "switchback.cluster";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("switchback.kafka.bootstrap-servers", "${KAFKA_BOOTSTRAP_SERVERS:}");
        defaults.put("spring.kafka.bootstrap-servers", "${switchback.kafka.bootstrap-servers}");
        // one consumer group per service, environment and cluster: each cluster's instances see every event
        String cluster = environment.getProperty(CLUSTER_PROPERTY, "");
        defaults.put("spring.kafka.consumer.group-id", "switchback-${spring.application.name}-${switchback.environment:all}"
                + (cluster.isBlank() ? "" : "-" + cluster));
        defaults.put("spring.kafka.consumer.auto-offset-reset", "earliest");
        defaults.put("spring.kafka.listener.ack-mode", "record");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.show-details", "always");
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState,kafka");
        // the Kafka clients log every configuration at INFO; their warnings and errors still show
        defaults.put("logging.level.org.apache.kafka", "WARN");
        // the schemas carry x-topic and x-key for readers; the validator need not warn about them
        defaults.put("logging.level.com.networknt.schema.keyword.UnknownKeywordFactory", "ERROR");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }
}
