package io.switchback.deployer;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchback.cluster.BlueGreenCluster;
import io.switchback.cluster.ClusterProperties;
import io.switchback.cluster.KubernetesEvents;
import io.switchback.cluster.Notifications;
import io.switchback.cluster.OutboxPublisher;
import io.switchback.cluster.RecordLock;
import io.switchback.events.Topic;
import io.switchback.platform.EventPublisher;
import io.switchback.platform.PartitionOwnership;
import io.switchback.platform.SwitchbackDefaults;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The deployer's parts: listeners that take, a controller that drives, a reconciler that acts. */
@Configuration(proxyBeanMethods = false)
class DeployerConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DeployerConfiguration.class);

    @Bean
    OutboxPublisher deploymentsOutbox(BlueGreenCluster cluster, EventPublisher publisher, KubernetesEvents kubernetesEvents,
            Notifications notifications) {
        return new OutboxPublisher(cluster, publisher, Topic.DEPLOYMENTS, List.of(kubernetesEvents, notifications));
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
        String environment = clusterProperties.environment();
        if (properties.promotesFrom(environment)) {
            throw new IllegalStateException("switchback.deployer.upstream is this environment's own name, "
                    + environment + ": name the environment its releases come from");
        }
        describe(environment, properties);
        RolloutPlanner rollouts = new RolloutPlanner(environment, properties);
        return new Intake(cluster, rollouts, new PromotionPlanner(environment, properties, rollouts), environment,
                publisher, controller, clock);
    }

    private static void describe(String environment, DeployerProperties properties) {
        String approval = properties.requiresApproval() ? ", each after an approval"
                + (properties.approvers().isEmpty() ? "" : " by one of " + properties.approvers()) : "";
        if (!properties.branches().isEmpty()) {
            LOG.info("{} deploys the builds of {}{}", environment, properties.branches(), approval);
        } else if (!properties.upstream().isBlank()) {
            LOG.info("{} takes the releases that became stable in {}{}", environment, properties.upstream(), approval);
        } else {
            LOG.warn("{} deploys nothing: set switchback.deployer.branches (builds) or switchback.deployer.upstream"
                    + " (promotions)", environment);
        }
    }

    @Bean
    DeployerListeners deployerListeners(Intake intake, ClusterProperties clusterProperties,
            DeployerProperties properties, @Value("${" + SwitchbackDefaults.CLUSTER_PROPERTY + ":}") String cluster) {
        return new DeployerListeners(intake, clusterProperties.environment(), cluster, properties);
    }
}
