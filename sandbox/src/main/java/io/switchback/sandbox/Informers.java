package io.switchback.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Informers for the sandbox's own parts (the simulated controllers, kube-proxy, the scenario's record of the
 * cluster) that survive the API server's outages as a real controller's do. Fabric8's default gives up for good
 * on a watch error once started (its handler is {@code isStarted && !(t instanceof WatcherException)}): after
 * a simulated outage the router would route by a stale view forever and the history would miss versions.
 */
public final class Informers {

    private Informers() {
    }

    /** Started and synced; retries every error once started, fails if it cannot start. */
    public static <T extends HasMetadata> SharedIndexInformer<T> start(Informable<T> source, ResourceEventHandler<? super T> handler) {
        SharedIndexInformer<T> informer = source.runnableInformer(0);
        informer.exceptionHandler((started, failure) -> started);
        if (handler != null) {
            informer.addEventHandler(handler);
        }
        informer.run();
        return informer;
    }
}
