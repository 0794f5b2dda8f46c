package io.switchback.buildlistener;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchback.buildlistener.delivery.Deliveries;
import io.switchback.buildlistener.delivery.DeliveryLedger;
import io.switchback.buildlistener.delivery.LedgerTail;
import io.switchback.buildlistener.delivery.RateLimits;
import io.switchback.buildlistener.github.WorkflowRuns;
import io.switchback.buildlistener.trust.Authenticator;
import io.switchback.buildlistener.trust.Credentials;
import io.switchback.buildlistener.trust.Permissions;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.SwitchbackEventSerializer;
import io.switchback.platform.EventPublisher;
import io.switchback.platform.SwitchbackKafkaProperties;
import java.time.Clock;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/** The edge's parts, built from its properties; the trust settings are checked here, before the port opens. */
@Configuration(proxyBeanMethods = false)
class IngressConfiguration {

    @Bean
    Clock ingressClock() {
        return Clock.systemUTC();
    }

    @Bean
    Credentials credentials(BuildListenerProperties properties) {
        return Credentials.from(properties);
    }

    @Bean
    WorkflowRuns workflowRuns(BuildListenerProperties properties) {
        return new WorkflowRuns(properties.github().workflows());
    }

    @Bean
    Authenticator authenticator(Credentials credentials, BuildListenerProperties properties, Clock ingressClock) {
        return new Authenticator(credentials, properties, ingressClock);
    }

    @Bean
    Permissions permissions(Credentials credentials) {
        return new Permissions(credentials);
    }

    @Bean
    RateLimits rateLimits(BuildListenerProperties properties) {
        return new RateLimits(properties.rateLimit(), System::nanoTime);
    }

    @Bean
    BoundedBody boundedBody(BuildListenerProperties properties) {
        return new BoundedBody(properties.maxBodySize());
    }

    @Bean
    IngressRequests ingressRequests(Clock ingressClock) {
        return new IngressRequests(ingressClock);
    }

    @Bean
    DeliveryLedger deliveryLedger(BuildListenerProperties properties) {
        return new DeliveryLedger(properties.deliveryMemory(), properties.deliveryMemoryMax());
    }

    @Bean
    LedgerTail ledgerTail(ConsumerFactory<?, ?> consumerFactory, KafkaAdmin kafkaAdmin, DeliveryLedger deliveryLedger,
            Clock ingressClock, BuildListenerProperties properties) {
        return new LedgerTail(consumerFactory, LedgerTail.EDGE_TOPICS,
                Admin.create(kafkaAdmin.getConfigurationProperties()), deliveryLedger, ingressClock,
                properties.deliveryReadInterval());
    }

    /**
     * In the readiness group (build-listener.yml): until it has read its window of deliveries a replica cannot tell a
     * replay from a new delivery, so it takes no traffic.
     */
    @Bean
    HealthIndicator deliveryLedgerHealthIndicator(LedgerTail ledgerTail) {
        return () -> ledgerTail.caughtUp() ? Health.up().build()
                : Health.outOfService().withDetail("reason", "reading the deliveries other replicas took").build();
    }

    /**
     * Every event the edge writes was read from a request's fields that {@link IngressRequests#toEvent} checked
     * against the schema: its producer does not check them again.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer checkedEventsSerializer() {
        return factory -> {
            @SuppressWarnings("unchecked")
            DefaultKafkaProducerFactory<String, SwitchbackEvent> events =
                    (DefaultKafkaProducerFactory<String, SwitchbackEvent>) factory;
            events.setValueSerializerSupplier(SwitchbackEventSerializer::ofCheckedEvents);
        };
    }

    /**
     * Spring MVC's filters on Spring MVC's servlet only ({@link MvcOnlyFilters}): the edge's requests pass none of
     * them, Spring's HTTP server observation included; {@link IngressTimers} times them.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> mvcOnlyFilters() {
        return factory -> factory.addContextCustomizers(
                context -> context.addLifecycleListener(new MvcOnlyFilters(context)));
    }

    @Bean
    ServletRegistrationBean<IngressServlet> ingressServlet(BoundedBody bodies, Authenticator authenticator,
            RateLimits rateLimits, IngressRequests requests, Permissions permissions, Deliveries deliveries,
            WorkflowRuns workflowRuns, MeterRegistry meterRegistry) {
        Ingress ingress = new Ingress(bodies, authenticator, rateLimits, requests, permissions, deliveries, workflowRuns);
        ServletRegistrationBean<IngressServlet> registration = new ServletRegistrationBean<>(
                new IngressServlet(ingress, new IngressTimers(meterRegistry)), IngressTimers.SERVLET_PATH + "/*");
        registration.setName("ingress");
        return registration;
    }

    @Bean
    Deliveries deliveries(DeliveryLedger deliveryLedger, LedgerTail ledgerTail, EventPublisher publisher,
            Clock ingressClock, SwitchbackKafkaProperties kafka) {
        return new Deliveries(deliveryLedger, ledgerTail::readUpToNow, publisher, ingressClock, kafka.ackTimeout());
    }
}
