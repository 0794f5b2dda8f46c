package io.switchback.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The Kubernetes client every cluster-facing service uses, configured as it would be against any cluster. */
@AutoConfiguration
@EnableConfigurationProperties(ClusterProperties.class)
public class ClusterAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KubernetesClient kubernetesClient(ClusterProperties properties) {
        return new KubernetesClientBuilder().withConfig(config(properties.kubernetes())).build();
    }

    @Bean
    ClusterRetry clusterRetry() {
        return ClusterRetry.standard();
    }

    @Bean
    TrafficSwitch trafficSwitch(KubernetesClient client, ClusterRetry retry) {
        return new TrafficSwitch(client, retry);
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
