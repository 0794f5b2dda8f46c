package io.switchback.healthmonitor;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The metric source {@code switchback.health.metric-source} names: the pods themselves, or a Prometheus server. */
@Configuration(proxyBeanMethods = false)
class MetricSourceConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MetricSourceConfiguration.class);

    @Bean
    Misconfigurations misconfigurations(MeterRegistry meters, Clock clock, HealthProperties health) {
        return new Misconfigurations(meters, clock, health.evaluationInterval());
    }

    @Bean
    MetricSource metricSource(ColourObjects cluster, Clock clock, HealthProperties health,
            Misconfigurations misconfigurations, MeterRegistry meters) {
        MetricsProfile profile = health.defaultProfile();
        LOG.info("metrics: {} by default (health endpoint {}), read {}", profile.describe(),
                profile.paths().healthPath(), health.metricSource() == io.switchback.events.MetricSource.PROMETHEUS
                        ? "from Prometheus at " + health.prometheus().url() : "from the pods directly");
        return switch (health.metricSource()) {
            case DIRECT_SCRAPE -> new DirectScrapeSource(cluster, clock, health, misconfigurations);
            case PROMETHEUS -> new PrometheusSource(cluster, clock, health, misconfigurations, meters);
        };
    }
}
