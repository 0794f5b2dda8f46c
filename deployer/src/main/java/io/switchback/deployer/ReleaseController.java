package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.switchback.cluster.BlueGreen;
import io.switchback.cluster.BlueGreenCluster;
import io.switchback.cluster.ConcurrentChangeException;
import io.switchback.events.EventKeys;
import io.switchback.events.Topic;
import io.switchback.platform.PartitionOwnership;
import io.switchback.platform.TransientFailureException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The loop that drives every owned Service towards what its record says, one pass at a time on one thread:
 * watches of Services and Deployments wake it when something changed, a periodic pass catches what no watch
 * announces (a rollback window ending), and a pass may ask to be run again. A Service is this instance's
 * while it owns the partition its builds land on, so with several replicas each Service has one driver.
 */
class ReleaseController implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseController.class);
    private static final Duration AFTER_FAILURE = Duration.ofMillis(500);

    private final KubernetesClient client;
    private final BlueGreenCluster cluster;
    private final ReleaseReconciler reconciler;
    private final PartitionOwnership ownership;
    private final Duration interval;
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService loop;
    private volatile List<SharedIndexInformer<?>> informers = List.of();

    ReleaseController(KubernetesClient client, BlueGreenCluster cluster, ReleaseReconciler reconciler,
            PartitionOwnership ownership, DeployerProperties properties) {
        this.client = client;
        this.cluster = cluster;
        this.reconciler = reconciler;
        this.ownership = ownership;
        this.interval = properties.reconcileInterval();
    }

    /** Runs a pass for {@code service} after {@code delay}, or sooner if one is already due sooner. */
    void enqueue(String service, Duration delay) {
        ScheduledExecutorService current = loop;
        if (current == null || service == null || !owns(service)) {
            return;
        }
        pending.compute(service, (name, scheduled) -> {
            if (scheduled != null && !scheduled.isDone() && scheduled.getDelay(TimeUnit.MILLISECONDS) <= delay.toMillis()) {
                return scheduled;
            }
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            return current.schedule(() -> run(name), delay.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void run(String service) {
        pending.remove(service);
        if (!owns(service)) {
            return;
        }
        try {
            reconciler.reconcile(service).ifPresent(again -> enqueue(service, again));
        } catch (ConcurrentChangeException e) {
            LOG.debug("{} changed while acting on it; deciding again", service);
            enqueue(service, Duration.ZERO);
        } catch (TransientFailureException e) {
            LOG.warn("{}: {}; trying again in {} ms", service, e.getMessage(), AFTER_FAILURE.toMillis());
            enqueue(service, AFTER_FAILURE);
        } catch (RuntimeException e) {
            LOG.warn("{}: pass failed, trying again in {} ms", service, AFTER_FAILURE.toMillis(), e);
            enqueue(service, AFTER_FAILURE);
        }
    }

    private boolean owns(String service) {
        return ownership.owns(Topic.BUILDS.topicName(), EventKeys.build(service));
    }

    private void resync() {
        try {
            cluster.managedServices().forEach(s -> enqueue(s.getMetadata().getName(), Duration.ZERO));
        } catch (RuntimeException e) {
            LOG.warn("could not list the Services to look at: {}", e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "release-controller");
            thread.setDaemon(true);
            return thread;
        });
        loop = started;
        String namespace = cluster.namespace();
        informers = List.of(
                inform(client.services().inNamespace(namespace).runnableInformer(0), s -> s.getMetadata().getName()),
                inform(client.apps().deployments().inNamespace(namespace).runnableInformer(0), ReleaseController::app));
        started.scheduleWithFixedDelay(this::resync, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private <T extends HasMetadata> SharedIndexInformer<T> inform(SharedIndexInformer<T> informer,
            Function<T, String> service) {
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T resource) {
                enqueue(service.apply(resource), Duration.ZERO);
            }

            @Override
            public void onUpdate(T before, T after) {
                enqueue(service.apply(after), Duration.ZERO);
            }

            @Override
            public void onDelete(T resource, boolean finalStateUnknown) {
                enqueue(service.apply(resource), Duration.ZERO);
            }
        });
        informer.exceptionHandler((wasStarted, failure) -> {
            LOG.warn("watching {} failed, retrying: {}", informer.getApiTypeClass().getSimpleName(), failure.toString());
            return true;
        });
        informer.start();
        return informer;
    }

    private static String app(Deployment deployment) {
        Map<String, String> labels = deployment.getMetadata().getLabels();
        return labels == null ? null : labels.get(BlueGreen.APP_LABEL);
    }

    @Override
    public void stop() {
        informers.forEach(SharedIndexInformer::stop);
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
