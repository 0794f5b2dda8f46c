package io.switchback.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The Kubernetes client every cluster-facing service uses, configured as it would be against any cluster. */
@AutoConfiguration
@EnableConfigurationProperties({ClusterProperties.class, NotificationProperties.class})
public class ClusterAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KubernetesClient kubernetesClient(ClusterProperties properties) {
        return new KubernetesClientBuilder().withConfig(config(properties.kubernetes())).build();
    }

    /** Where time is read; a test sets its own. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    ClusterRetry clusterRetry() {
        return ClusterRetry.standard();
    }

    @Bean
    BlueGreenCluster blueGreenCluster(KubernetesClient client, ClusterRetry retry, ClusterProperties properties) {
        return new BlueGreenCluster(client, retry, properties.kubernetes().namespace());
    }

    /** Events on the Services, as this service ({@code spring.application.name}) and this replica (its pod's name). */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KubernetesEvents kubernetesEvents(KubernetesClient client, ClusterProperties properties, Clock clock,
            Environment environment) {
        String service = environment.getProperty("spring.application.name", "switchback");
        return new KubernetesEvents(client, properties.kubernetes().namespace(), "switchback.io/" + service,
                environment.getProperty("HOSTNAME", service), clock);
    }

    /** This environment's notifications; sends nothing when no webhook is configured. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Notifications notifications(NotificationProperties properties, ClusterProperties cluster,
            ObjectProvider<MeterRegistry> meters) {
        return new Notifications(properties, cluster.environment(), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    static Config config(ClusterProperties.Kubernetes kubernetes) {
        if (kubernetes.kubeconfig() == null) {
            return Config.autoConfigure(kubernetes.context());
        }
        try {
            return Config.fromKubeconfig(kubernetes.context(), Files.readString(kubernetes.kubeconfig()),
                    kubernetes.kubeconfig().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("switchback.kubernetes.kubeconfig: cannot read " + kubernetes.kubeconfig(), e);
        }
    }
}
