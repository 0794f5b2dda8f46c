package io.switchback.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.switchback.events.Color;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The blue-green pairs of one namespace, through the Kubernetes API, with the cluster retry: every read is
 * fresh (the cluster decides, not a cache), and every write that rests on a read is guarded by the
 * resourceVersion read, so that a 409 ({@link ConcurrentChangeException}) makes the caller read and decide
 * again. Writes touch only what Switchback owns: the selector's {@code color}, the {@code switchback.io/*}
 * annotations, a colour's pod template and replicas.
 */
public class BlueGreenCluster {

    private final KubernetesClient client;
    private final ClusterRetry retry;
    private final String namespace;

    public BlueGreenCluster(KubernetesClient client, ClusterRetry retry, String namespace) {
        this.client = client;
        this.retry = retry;
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    /** The Service as it is now, or null. */
    public Service service(String name) {
        return retry.call(() -> client.services().inNamespace(namespace).withName(name).get());
    }

    /** The Services Switchback may manage, as they are now. */
    public List<Service> managedServices() {
        return retry.call(() -> client.services().inNamespace(namespace).list().getItems()).stream()
                .filter(BlueGreen::isManaged).toList();
    }

    /** A colour's Deployment as it is now, or null. */
    public Deployment deployment(String service, Color color) {
        return retry.call(() -> client.apps().deployments().inNamespace(namespace)
                .withName(BlueGreen.deploymentName(service, color)).get());
    }

    /** Every pod of a colour, ready or not. */
    public List<Pod> pods(String service, Color color) {
        return retry.call(() -> client.pods().inNamespace(namespace)
                .withLabels(BlueGreen.podLabels(service, color)).list().getItems());
    }

    /** A service's template of {@code hook} ({@link HookJob}) as its ConfigMap has it now; empty without one. */
    public Optional<String> hookTemplate(String service, String hook) {
        ConfigMap templates = retry.call(() -> client.configMaps().inNamespace(namespace)
                .withName(HookJob.configMapName(service)).get());
        String template = templates == null || templates.getData() == null ? null : templates.getData().get(hook);
        return template == null || template.isBlank() ? Optional.empty() : Optional.of(template);
    }

    /** A Job of the namespace as it is now, or null (a hook's run). */
    public Job job(String name) {
        return retry.call(() -> client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
    }

    /** The Jobs of one hook ({@code switchback.io/hook}), as they are now. */
    public List<Job> hookJobs(String hook) {
        return retry.call(() -> client.batch().v1().jobs().inNamespace(namespace).withLabel(HookJob.HOOK_LABEL, hook)
                .list().getItems());
    }

    /** Notes on a hook's Job that its end was published, guarded by the resourceVersion read. */
    public Job markReported(Job observed) {
        Map<String, Object> patch = Map.of("metadata", Map.of(
                "resourceVersion", observed.getMetadata().getResourceVersion(),
                "annotations", Map.of(HookJob.REPORTED, "true")));
        return guarded(observed, () -> client.batch().v1().jobs().inNamespace(namespace)
                .withName(observed.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch)));
    }

    /** Creates a hook's Job; a 409 means it exists already: read and decide again. */
    public Job create(Job job) {
        return guarded(job, () -> client.batch().v1().jobs().inNamespace(namespace).resource(job).create());
    }

    /**
     * Records {@code next} on the Service and points its selector at {@code next.liveColor()} — or, while its
     * rollout's canary runs, at both colours (no colour in the selector) — in one JSON merge patch guarded by the
     * resourceVersion of {@code observed}.
     *
     * @throws ConcurrentChangeException when the Service changed since it was read
     */
    public Service writeRecord(Service observed, ReleaseRecord next) {
        boolean canary = next.rollout() != null && next.rollout().canaryRunning();
        Map<String, Object> selector = new LinkedHashMap<>();
        selector.put(BlueGreen.COLOR_LABEL, canary ? null : next.liveColor().wire());
        Map<String, Object> patch = Map.of(
                "metadata", Map.of(
                        "resourceVersion", observed.getMetadata().getResourceVersion(),
                        "annotations", next.annotations()),
                "spec", Map.of("selector", selector));
        return guarded(observed, () -> client.services().inNamespace(namespace)
                .withName(observed.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch)));
    }

    /** Creates a colour's Deployment; a 409 means it exists already: read and decide again. */
    public Deployment create(Deployment desired) {
        return guarded(desired, () -> client.apps().deployments().inNamespace(namespace).resource(desired).create());
    }

    /**
     * Replaces a Deployment's spec, labels and Switchback's annotations with {@code desired}'s, guarded by
     * {@code observed}'s resourceVersion; other annotations and the status are left as they are.
     */
    public Deployment replace(Deployment observed, Deployment desired) {
        Deployment next = Serialization.clone(observed);
        next.setSpec(desired.getSpec());
        next.getMetadata().setLabels(desired.getMetadata().getLabels());
        next.getMetadata().setAnnotations(new LinkedHashMap<>(BlueGreen.annotations(observed)));
        next.getMetadata().getAnnotations().putAll(BlueGreen.annotations(desired));
        return guarded(observed, () -> client.apps().deployments().inNamespace(namespace).resource(next).update());
    }

    /**
     * Sets a colour's replicas with a JSON merge patch of {@code spec.replicas} guarded by {@code observed}'s
     * resourceVersion (what {@code kubectl scale --resource-version} does, without the scale subresource).
     */
    public Deployment scale(Deployment observed, int replicas) {
        Map<String, Object> patch = Map.of(
                "metadata", Map.of("resourceVersion", observed.getMetadata().getResourceVersion()),
                "spec", Map.of("replicas", replicas));
        return guarded(observed, () -> client.apps().deployments().inNamespace(namespace)
                .withName(observed.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch)));
    }

    /**
     * Waits, with a watch, until a colour's Deployment is rolled out and ready with at least one pod.
     *
     * @return the ready Deployment, or empty when it was not ready within {@code timeout}
     */
    public Optional<Deployment> awaitReady(String service, Color color, Duration timeout) {
        try {
            return Optional.of(client.apps().deployments().inNamespace(namespace)
                    .withName(BlueGreen.deploymentName(service, color))
                    .waitUntilCondition(d -> DeploymentReadiness.isReady(d) && BlueGreen.replicasOf(d) > 0,
                            timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (KubernetesClientTimeoutException e) {
            return Optional.empty();
        }
    }

    private <T> T guarded(HasMetadata observed, Supplier<T> write) {
        try {
            return retry.call(write);
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                throw new ConcurrentChangeException(observed, e);
            }
            throw e;
        }
    }
}
