package io.switchback.rollbackcontroller;

import io.fabric8.kubernetes.api.model.Service;
import io.switchback.cluster.BlueGreenCluster;
import io.switchback.cluster.OutboxPublisher;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.EventKeys;
import io.switchback.events.Topic;
import io.switchback.platform.PartitionOwnership;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * What a rollback leaves behind when something dies, repaired from the cluster for the Services this
 * instance owns (the partition their breaches land on): events recorded with a switch that Kafka has not
 * taken yet are published, and a rollback whose controller died while preparing (its lock expired) is
 * finished; and the end of each rollback hook is reported.
 */
class RollbackRepairs implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RollbackRepairs.class);

    private final BlueGreenCluster cluster;
    private final OutboxPublisher outbox;
    private final Rollbacks rollbacks;
    private final RollbackHooks hooks;
    private final PartitionOwnership ownership;
    private final Clock clock;
    private final String environment;
    private final Duration interval;
    private volatile ScheduledExecutorService loop;

    RollbackRepairs(BlueGreenCluster cluster, OutboxPublisher outbox, Rollbacks rollbacks, RollbackHooks hooks,
            PartitionOwnership ownership, Clock clock, String environment, Duration interval) {
        this.cluster = cluster;
        this.outbox = outbox;
        this.rollbacks = rollbacks;
        this.hooks = hooks;
        this.ownership = ownership;
        this.clock = clock;
        this.environment = environment;
        this.interval = interval;
    }

    void repair() {
        for (Service service : cluster.managedServices()) {
            String name = service.getMetadata().getName();
            if (!owns(name)) {
                continue;
            }
            ReleaseRecord record = ReleaseRecord.of(service).orElse(null);
            if (record == null) {
                continue;
            }
            boolean abandoned = record.rollback() != null
                    && (record.lock() == null || !record.lock().heldAt(clock.instant()));
            if (abandoned) {
                LOG.warn("rollback {} of {} was left unfinished; finishing it", record.rollback().rollbackId(), name);
                rollbacks.handle(RollbackRequest.of(environment, name, record.rollback()));
            } else if (record.rollback() == null && outbox.hasEntries(service)) {
                rollbacks.publishLeftovers(name);
            }
        }
        hooks.follow(this::owns);
    }

    private boolean owns(String service) {
        return ownership.owns(Topic.HEALTH.topicName(), EventKeys.release(environment, service));
    }

    private void repairSafely() {
        try {
            repair();
        } catch (RuntimeException e) {
            LOG.warn("repair pass failed, next in {}: {}", interval, e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rollback-repairs");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(this::repairSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        loop = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = loop;
        loop = null;
        if (current != null) {
            current.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
