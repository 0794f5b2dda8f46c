package io.switchback.sandbox;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the Deployment controller for the simulated cluster, with the {@link Kubelet} running the pods. It
 * watches Deployments and keeps, for each, {@code spec.replicas} pods of the current template; a changed
 * template replaces the pods (as the Recreate strategy would); scaling and deletion stop pods. The
 * Deployment's status follows the pods' readiness and is written through {@code /status} only when it
 * changed. All work runs on one thread, fed by the informer and the kubelet; a bad object is logged and
 * skipped, never a crash.
 */
public final class WorkloadSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkloadSimulator.class);
    private static final long RETRY_MILLIS = 100;

    private final KubernetesClient client;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "workload-simulator");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** Pods per deployment key; touched only on the loop thread. */
    private final Map<String, List<SimulatedPod>> pods = new HashMap<>();
    private final Set<String> reportedInvalid = new HashSet<>();
    private final SharedIndexInformer<Deployment> deployments;
    private final Kubelet kubelet;

    WorkloadSimulator(KubernetesClient client, Duration podStartDelay, Duration restartBackoff) {
        this.client = client;
        this.kubelet = new Kubelet(client, loop, podStartDelay, restartBackoff, this::enqueue);
        this.deployments = Informers.start(client.apps().deployments().inAnyNamespace(), new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment deployment) {
                enqueue(Cache.metaNamespaceKeyFunc(deployment));
            }

            @Override
            public void onUpdate(Deployment before, Deployment after) {
                enqueue(Cache.metaNamespaceKeyFunc(after));
            }

            @Override
            public void onDelete(Deployment deployment, boolean finalStateUnknown) {
                enqueue(Cache.metaNamespaceKeyFunc(deployment));
            }
        });
    }

    private void enqueue(String key) {
        if (queued.add(key)) {
            loop.execute(() -> {
                queued.remove(key);
                reconcileSafely(key);
            });
        }
    }

    private void reconcileSafely(String key) {
        try {
            reconcile(key);
        } catch (KubernetesClientException e) {
            LOG.debug("deployment {}: API answered {}; retrying", key, e.getCode());
            loop.schedule(() -> enqueue(key), RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.warn("deployment {}: could not simulate it: {}", key, e.toString());
        }
    }

    private void reconcile(String key) {
        Deployment deployment = deployments.getStore().getByKey(key);
        List<SimulatedPod> current = pods.computeIfAbsent(key, k -> new ArrayList<>());
        if (deployment == null) {
            stopAll(current);
            pods.remove(key);
            return;
        }
        Container main = mainContainer(deployment);
        if (main == null) {
            if (reportedInvalid.add(key + "@" + deployment.getMetadata().getResourceVersion())) {
                LOG.warn("deployment {} has no pod template with a container: it gets no pods", key);
            }
            stopAll(current);
            return;
        }
        String hash = PodObjects.templateHash(deployment.getSpec().getTemplate());
        for (SimulatedPod pod : List.copyOf(current)) {
            if (!pod.templateHash.equals(hash)) {
                stop(pod, current);
            }
        }
        int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        while (current.size() < desired) {
            current.add(kubelet.run(key, deployment, main, hash));
        }
        while (current.size() > desired) {
            stop(current.get(current.size() - 1), current);
        }
        writeStatus(deployment, current, hash);
    }

    private void stop(SimulatedPod pod, List<SimulatedPod> current) {
        current.remove(pod);
        kubelet.stop(pod);
    }

    private void stopAll(List<SimulatedPod> current) {
        for (SimulatedPod pod : List.copyOf(current)) {
            stop(pod, current);
        }
    }

    /** Writes the status a real controller would, only when it changed. Zero counts are absent, as on a real API server. */
    private void writeStatus(Deployment deployment, List<SimulatedPod> current, String hash) {
        int replicas = current.size();
        int updated = (int) current.stream().filter(p -> p.templateHash.equals(hash)).count();
        int ready = (int) current.stream().filter(SimulatedPod::ready).count();
        int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        boolean complete = ready == desired && updated == desired && replicas == desired;
        DeploymentStatus status = new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(nullIfZero(replicas))
                .withUpdatedReplicas(nullIfZero(updated))
                .withReadyReplicas(nullIfZero(ready))
                .withAvailableReplicas(nullIfZero(ready))
                .withUnavailableReplicas(nullIfZero(Math.max(0, desired - ready)))
                .withConditions(
                        condition("Available", ready >= desired, ready >= desired
                                ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable"),
                        condition("Progressing", true, complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated"))
                .build();
        if (same(deployment.getStatus(), status)) {
            return;
        }
        client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                .withName(deployment.getMetadata().getName()).editStatus(d -> {
                    d.setStatus(status);
                    return d;
                });
    }

    /** Equal counts and condition states; timestamps alone are no reason to write. */
    private static boolean same(DeploymentStatus a, DeploymentStatus b) {
        return a != null
                && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
                && Objects.equals(a.getReplicas(), b.getReplicas())
                && Objects.equals(a.getUpdatedReplicas(), b.getUpdatedReplicas())
                && Objects.equals(a.getReadyReplicas(), b.getReadyReplicas())
                && Objects.equals(a.getAvailableReplicas(), b.getAvailableReplicas())
                && Objects.equals(a.getUnavailableReplicas(), b.getUnavailableReplicas())
                && Objects.equals(conditionStates(a), conditionStates(b));
    }

    private static List<String> conditionStates(DeploymentStatus status) {
        return status.getConditions() == null ? List.of() : status.getConditions().stream()
                .map(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason()).toList();
    }

    private static DeploymentCondition condition(String type, boolean status, String reason) {
        return new DeploymentConditionBuilder().withType(type).withStatus(status ? "True" : "False")
                .withReason(reason).withLastUpdateTime(Instant.now().toString()).build();
    }

    private static Integer nullIfZero(int value) {
        return value == 0 ? null : value;
    }

    private static Container mainContainer(Deployment deployment) {
        if (deployment.getSpec() == null || deployment.getSpec().getTemplate() == null
                || deployment.getSpec().getTemplate().getSpec() == null
                || deployment.getSpec().getTemplate().getSpec().getContainers() == null
                || deployment.getSpec().getTemplate().getSpec().getContainers().isEmpty()) {
            return null;
        }
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** The pods the simulator runs for a deployment, as the API shows them. */
    public List<Pod> podsOf(String namespace, String deployment) {
        return client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> p.getMetadata().getOwnerReferences() != null && p.getMetadata().getOwnerReferences()
                        .stream().anyMatch(o -> deployment.equals(o.getName())))
                .toList();
    }

    @Override
    public void close() {
        deployments.close();
        try {
            // pods belong to the loop thread: stop them there, then stop the loop
            loop.submit(() -> pods.values().forEach(list -> list.forEach(kubelet::kill)))
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("pods not stopped cleanly: {}", e.toString());
        } finally {
            loop.shutdownNow();
        }
    }
}
