package io.switchback.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension: one real Kafka broker per test JVM, shared by every test class that uses it and
 * stopped when the run ends. It also sets the system property {@value #BOOTSTRAP_PROPERTY}, which the
 * services read, so a Spring Boot test needs nothing else; tests that want the broker itself declare a
 * {@link KafkaBroker} parameter.
 */
public final class SharedKafka implements BeforeAllCallback, ParameterResolver {

    public static final String BOOTSTRAP_PROPERTY = "switchback.kafka.bootstrap-servers";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedKafka.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty(BOOTSTRAP_PROPERTY, broker(context).bootstrapServers());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return broker(context);
    }

    static KafkaBroker broker(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(StoppableBroker.class, key -> Brokers.provide(System.getenv()), StoppableBroker.class);
    }
}
