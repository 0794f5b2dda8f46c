package io.switchback.healthmonitor;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.switchback.cluster.BlueGreen;
import io.switchback.cluster.ClusterProperties;
import io.switchback.events.Color;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The colours' pods and Deployments as the cluster has them, kept current by two informers: one watch each,
 * not two API reads per release per evaluation (a thousand watched releases would otherwise be two thousand
 * reads a second). Pods are those labelled {@code color}, indexed by {@code app} and {@code color}. Until both
 * informers have listed the namespace nothing is known, and {@link #pods} says so.
 */
@Component
public class ColourObjects implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ColourObjects.class);
    private static final String BY_COLOUR = "app-color";

    private final KubernetesClient client;
    private final String namespace;
    private volatile SharedIndexInformer<Pod> pods;
    private volatile SharedIndexInformer<Deployment> deployments;

    public ColourObjects(KubernetesClient client, ClusterProperties cluster) {
        this.client = client;
        this.namespace = cluster.kubernetes().namespace();
    }

    public String namespace() {
        return namespace;
    }

    /** Whether both informers have listed the namespace. */
    public boolean known() {
        SharedIndexInformer<Pod> p = pods;
        SharedIndexInformer<Deployment> d = deployments;
        return p != null && d != null && p.hasSynced() && d.hasSynced();
    }

    /**
     * Every pod of a colour, ready or not, as last seen, by name (evidence names pods in a stable order).
     *
     * @throws IllegalStateException while the pods are not listed yet: nothing is known, so nothing is judged
     */
    public List<Pod> pods(String service, Color color) {
        if (!known()) {
            throw new IllegalStateException("the pods and Deployments of " + namespace + " are not listed yet");
        }
        return pods.getIndexer().byIndex(BY_COLOUR, key(service, color.wire())).stream()
                .sorted(Comparator.comparing(pod -> pod.getMetadata().getName())).toList();
    }

    /** A colour's Deployment as last seen, if there is one. */
    public Optional<Deployment> deployment(String service, Color color) {
        SharedIndexInformer<Deployment> d = deployments;
        return d == null ? Optional.empty()
                : Optional.ofNullable(d.getStore().getByKey(namespace + "/" + BlueGreen.deploymentName(service, color)));
    }

    private static String key(String app, String color) {
        return app + "/" + color;
    }

    private static List<String> colourKey(Pod pod) {
        Map<String, String> labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
        String app = labels.get(BlueGreen.APP_LABEL);
        return app == null ? List.of() : List.of(key(app, labels.get(BlueGreen.COLOR_LABEL)));
    }

    @Override
    public void start() {
        SharedIndexInformer<Pod> p = client.pods().inNamespace(namespace).withLabel(BlueGreen.COLOR_LABEL)
                .runnableInformer(0);
        p.addIndexers(Map.of(BY_COLOUR, ColourObjects::colourKey));
        SharedIndexInformer<Deployment> d = client.apps().deployments().inNamespace(namespace).runnableInformer(0);
        for (SharedIndexInformer<?> informer : List.of(p, d)) {
            informer.exceptionHandler((wasStarted, failure) -> {
                LOG.warn("watching {} in {} failed, retrying: {}", informer.getApiTypeClass().getSimpleName(),
                        namespace, failure.toString());
                return true;
            });
            informer.start();
        }
        pods = p;
        deployments = d;
    }

    @Override
    public void stop() {
        SharedIndexInformer<Pod> p = pods;
        SharedIndexInformer<Deployment> d = deployments;
        pods = null;
        deployments = null;
        if (p != null) {
            p.stop();
        }
        if (d != null) {
            d.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return pods != null;
    }

    /** Started before, and stopped after, what reads it: the evaluation loop and the listeners. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1000;
    }
}
