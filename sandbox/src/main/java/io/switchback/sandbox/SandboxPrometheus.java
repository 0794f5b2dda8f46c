package io.switchback.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sandbox judging through a real Prometheus server: the server ({@link PrometheusServer}, scraping every
 * second), its targets kept to the simulated cluster's running pods as Kubernetes service discovery would
 * (file-based discovery written from a pod informer: address from the pod's IP and {@code prometheus.io/port},
 * path from {@code prometheus.io/path}, labels {@code pod} and {@code namespace}), and the health-monitor
 * settings that point it there.
 */
public final class SandboxPrometheus implements AutoCloseable {

    public static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

    private final PrometheusServer server;
    private SharedIndexInformer<Pod> pods;
    private List<PrometheusServer.Target> written;

    private SandboxPrometheus(PrometheusServer server) {
        this.server = server;
    }

    /** Starts the server in {@code dir}; its targets follow the cluster once {@link #follow} is called. */
    public static SandboxPrometheus start(Path binary, Path dir) {
        return new SandboxPrometheus(PrometheusServer.start(binary, dir, SCRAPE_INTERVAL));
    }

    /** The health-monitor's settings to judge through this server. */
    public Map<String, String> healthMonitorSettings() {
        return Map.of("switchback.health.metric-source", "prometheus",
                "switchback.health.prometheus.url", server.url().toString());
    }

    public URI url() {
        return server.url();
    }

    /** From now on, the server scrapes the running pods of {@code namespace}. */
    public void follow(KubernetesClient client, String namespace) {
        pods = Informers.start(client.pods().inNamespace(namespace), new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                refresh();
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                refresh();
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                refresh();
            }
        });
        refresh();
    }

    private synchronized void refresh() {
        if (pods == null) {
            return;
        }
        List<PrometheusServer.Target> targets = pods.getStore().list().stream().map(SandboxPrometheus::target)
                .filter(Objects::nonNull).sorted(Comparator.comparing(PrometheusServer.Target::address)).toList();
        if (!targets.equals(written)) {
            server.targets(targets);
            written = targets;
        }
    }

    /** A running pod with an IP and a metrics port, as Kubernetes service discovery and the usual relabelling make it. */
    static PrometheusServer.Target target(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        if (annotations == null || pod.getStatus() == null || pod.getStatus().getPodIP() == null
                || !"Running".equals(pod.getStatus().getPhase()) || pod.getMetadata().getDeletionTimestamp() != null
                || annotations.get("prometheus.io/port") == null) {
            return null;
        }
        return new PrometheusServer.Target(pod.getStatus().getPodIP() + ":" + annotations.get("prometheus.io/port"),
                Map.of("pod", pod.getMetadata().getName(), "namespace", pod.getMetadata().getNamespace(),
                        "__metrics_path__", annotations.getOrDefault("prometheus.io/path", "/metrics")));
    }

    @Override
    public void close() {
        if (pods != null) {
            pods.close();
        }
        server.close();
    }
}
