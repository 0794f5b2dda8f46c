package io.switchback.healthmonitor;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.switchback.cluster.ClusterProperties;
import io.switchback.cluster.BlueGreen;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The Services of the namespace as the cluster has them, kept current by an informer (one watch, not a
 * GET per evaluation). Starting never waits for the API server: until the first list arrives, nothing
 * is known and no watch is dropped.
 */
@Component
public class LiveServices implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LiveServices.class);

    private final KubernetesClient client;
    private final String namespace;
    private volatile SharedIndexInformer<Service> informer;

    public LiveServices(KubernetesClient client, ClusterProperties cluster) {
        this.client = client;
        this.namespace = cluster.kubernetes().namespace();
    }

    /** Whether the Services have been listed: until then nothing is known, and nothing is judged or dropped. */
    public boolean known() {
        SharedIndexInformer<Service> current = informer;
        return current != null && current.hasSynced();
    }

    /** Why the release is no longer the one its Service serves soaking; empty while it is, or while nothing is known. */
    public Optional<String> whyNotLive(WatchedRelease release) {
        SharedIndexInformer<Service> current = informer;
        if (current == null || !current.hasSynced()) {
            return Optional.empty();
        }
        return release.notServedBy(current.getStore().getByKey(namespace + "/" + release.service()));
    }

    /**
     * The releases the cluster's records show live and soaking now: how watches survive a restart of the health
     * monitor or a move of a service to this instance, since the Services' records, not memory, are the truth.
     */
    public List<WatchedRelease> soaking() {
        SharedIndexInformer<Service> current = informer;
        if (current == null || !current.hasSynced()) {
            return List.of();
        }
        return current.getStore().list().stream()
                .filter(BlueGreen::isManaged)
                .flatMap(service -> WatchedRelease.judgedOn(service).stream())
                .toList();
    }

    @Override
    public void start() {
        SharedIndexInformer<Service> started = client.services().inNamespace(namespace).runnableInformer(0);
        started.exceptionHandler((wasStarted, failure) -> {
            LOG.warn("watching Services in {} failed, retrying: {}", namespace, failure.toString());
            return true;
        });
        started.start();
        informer = started;
    }

    @Override
    public void stop() {
        SharedIndexInformer<Service> current = informer;
        informer = null;
        if (current != null) {
            current.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return informer != null;
    }
}
