package io.switchback.sandbox.scenario;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.switchback.cluster.BlueGreen;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.Color;
import io.switchback.sandbox.Informers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every version of every Service and Deployment of the namespace, as a watch delivered it, with the time it
 * arrived: the cluster half of the scenario's ground truth. It observes only; it never writes. The order of
 * writes across objects comes from the resourceVersion, which the simulated API server counts globally
 * (as etcd's revision does), not from arrival times, which two watches may deliver in either order.
 */
public final class ClusterHistory implements AutoCloseable {

    /** One version of a Service: its selector's colour and its release record. */
    public record ServiceVersion(Instant at, String service, long resourceVersion, Color selected,
            ReleaseRecord record) {
    }

    /** One version of a colour's Deployment. */
    public record DeploymentVersion(Instant at, String service, Color color, long resourceVersion, int replicas,
            int readyReplicas, String deploymentId, String image) {
    }

    private final List<ServiceVersion> services = new ArrayList<>();
    private final List<DeploymentVersion> deployments = new ArrayList<>();
    private final SharedIndexInformer<Service> serviceInformer;
    private final SharedIndexInformer<Deployment> deploymentInformer;

    public ClusterHistory(KubernetesClient client, String namespace) {
        serviceInformer = Informers.start(client.services().inNamespace(namespace), handler(this::record));
        deploymentInformer = Informers.start(client.apps().deployments().inNamespace(namespace), handler(this::record));
    }

    private static <T> ResourceEventHandler<T> handler(Consumer<T> record) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                record.accept(object);
            }

            @Override
            public void onUpdate(T before, T after) {
                record.accept(after);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
            }
        };
    }

    private synchronized void record(Service service) {
        Optional<Color> selected = BlueGreen.selectedColor(service);
        services.add(new ServiceVersion(Instant.now(), service.getMetadata().getName(),
                version(service.getMetadata().getResourceVersion()), selected.orElse(null),
                ReleaseRecord.of(service).orElse(null)));
    }

    private synchronized void record(Deployment deployment) {
        var labels = deployment.getMetadata().getLabels();
        if (labels == null || labels.get(BlueGreen.APP_LABEL) == null) {
            return;
        }
        Optional<Color> color = BlueGreen.color(labels.get(BlueGreen.COLOR_LABEL));
        if (color.isEmpty()) {
            return;
        }
        int ready = deployment.getStatus() == null
                ? 0 : Objects.requireNonNullElse(deployment.getStatus().getReadyReplicas(), 0);
        deployments.add(new DeploymentVersion(Instant.now(), labels.get(BlueGreen.APP_LABEL), color.get(),
                version(deployment.getMetadata().getResourceVersion()), BlueGreen.replicasOf(deployment), ready,
                BlueGreen.deploymentIdOf(deployment), BlueGreen.imageOf(deployment)));
    }

    private static long version(String resourceVersion) {
        try {
            return Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public synchronized List<ServiceVersion> services() {
        return List.copyOf(services);
    }

    public synchronized List<DeploymentVersion> deployments() {
        return List.copyOf(deployments);
    }

    @Override
    public void close() {
        serviceInformer.close();
        deploymentInformer.close();
    }
}
