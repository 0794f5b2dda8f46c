package io.switchback.rollbackcontroller;

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
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rollback controller's parts: a listener, the rollbacks it hands to, the repairs behind them. */
@Configuration(proxyBeanMethods = false)
class RollbackConfiguration {

    @Bean
    OutboxPublisher rollbacksOutbox(BlueGreenCluster cluster, EventPublisher publisher, KubernetesEvents kubernetesEvents,
            Notifications notifications) {
        return new OutboxPublisher(cluster, publisher, Topic.ROLLBACKS, List.of(kubernetesEvents, notifications));
    }

    @Bean
    RollbackHooks rollbackHooks(BlueGreenCluster cluster, EventPublisher publisher, ClusterProperties clusterProperties,
            RollbackProperties properties, Clock clock) {
        return new RollbackHooks(cluster, publisher, clusterProperties.environment(), properties.hookDeadline(), clock);
    }

    @Bean
    Rollbacks rollbacks(BlueGreenCluster cluster, OutboxPublisher rollbacksOutbox, EventPublisher publisher,
            RollbackProperties properties, MeterRegistry meters, Clock clock, RollbackHooks rollbackHooks) {
        // the lock names the instance: another replica takes a claim over only once its lock expired
        String holder = RecordLock.ROLLBACK_CONTROLLER + "/" + UUID.randomUUID().toString().substring(0, 8);
        return new Rollbacks(cluster, rollbacksOutbox, publisher, properties, meters, clock, holder, rollbackHooks);
    }

    @Bean
    RollbackRepairs rollbackRepairs(BlueGreenCluster cluster, OutboxPublisher rollbacksOutbox, Rollbacks rollbacks,
            PartitionOwnership ownership, Clock clock, ClusterProperties clusterProperties,
            RollbackProperties properties, RollbackHooks rollbackHooks) {
        return new RollbackRepairs(cluster, rollbacksOutbox, rollbacks, rollbackHooks, ownership, clock,
                clusterProperties.environment(), properties.repairInterval());
    }

    @Bean
    RollbackTriggersListener rollbackTriggersListener(Rollbacks rollbacks, ClusterProperties clusterProperties) {
        return new RollbackTriggersListener(rollbacks, clusterProperties.environment());
    }
}
