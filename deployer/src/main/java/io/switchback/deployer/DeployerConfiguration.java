package io.switchback.deployer;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchback.cluster.BlueGreenCluster;
import io.switchback.cluster.ClusterProperties;
import io.switchback.cluster.OutboxPublisher;
import io.switchback.cluster.RecordLock;
import io.switchback.events.Topic;
import io.switchback.platform.EventPublisher;
import io.switchback.platform.PartitionOwnership;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The deployer's parts: listeners that take, a controller that drives, a reconciler that acts. */
@Configuration(proxyBeanMethods = false)
class DeployerConfiguration {

    @Bean
    OutboxPublisher deploymentsOutbox(BlueGreenCluster cluster, EventPublisher publisher) {
        return new OutboxPublisher(cluster, publisher, Topic.DEPLOYMENTS);
    }

    @Bean
    ReleaseReconciler releaseReconciler(BlueGreenCluster cluster, OutboxPublisher deploymentsOutbox,
            EventPublisher publisher, DeployerProperties properties, Clock clock, MeterRegistry meters,
            ClusterProperties clusterProperties) {
        // the lock names the instance, so that a replica never mistakes another's lock for its own
        String holder = RecordLock.DEPLOYER + "/" + UUID.randomUUID().toString().substring(0, 8);
        return new ReleaseReconciler(cluster, deploymentsOutbox,
                new PreSwitchCheck(cluster, properties.preSwitchHealthPath()), publisher, properties, clock, meters,
                clusterProperties.environment(), holder);
    }

    @Bean
    ReleaseController releaseController(KubernetesClient client, BlueGreenCluster cluster,
            ReleaseReconciler reconciler, PartitionOwnership ownership, DeployerProperties properties) {
        return new ReleaseController(client, cluster, reconciler, ownership, properties);
    }

    @Bean
    Intake intake(BlueGreenCluster cluster, DeployerProperties properties, ClusterProperties clusterProperties,
            EventPublisher publisher, ReleaseController controller, Clock clock) {
        return new Intake(cluster, new RolloutPlanner(clusterProperties.environment(), properties),
                clusterProperties.environment(), publisher, controller, clock);
    }

    @Bean
    DeployerListeners deployerListeners(Intake intake, ClusterProperties clusterProperties) {
        return new DeployerListeners(intake, clusterProperties.environment());
    }
}
