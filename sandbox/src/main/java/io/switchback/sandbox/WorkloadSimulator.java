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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the Deployment controller and the kubelet for the simulated cluster. It watches Deployments and
 * keeps, for each, {@code spec.replicas} pods of the current template running as real
 * {@link SampleWorkload} servers; a pod turns ready after the start delay (never, for an
 * {@code -unready} image); a changed template replaces the pods (as the Recreate strategy would); scaling
 * and deletion stop pods. Pod objects and the Deployment's status are written back through the API so
 * that every client sees what a real cluster would show. All work runs on one thread, fed by the
 * informer; a bad object is logged and skipped, never a crash.
 */
public final class WorkloadSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkloadSimulator.class);
    private static final long RETRY_MILLIS = 100;

    private final KubernetesClient client;
    private final Duration podStartDelay;
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

    WorkloadSimulator(KubernetesClient client, Duration podStartDelay) {
        this.client = client;
        this.podStartDelay = podStartDelay;
        this.deployments = client.apps().deployments().inAnyNamespace().inform(new ResourceEventHandler<>() {
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
            stopAll(key, current);
            pods.remove(key);
            return;
        }
        Container main = mainContainer(deployment);
        if (main == null) {
            if (reportedInvalid.add(key + "@" + deployment.getMetadata().getResourceVersion())) {
                LOG.warn("deployment {} has no pod template with a container: it gets no pods", key);
            }
            stopAll(key, current);
            return;
        }
        String hash = PodObjects.templateHash(deployment.getSpec().getTemplate());
        for (SimulatedPod pod : List.copyOf(current)) {
            if (!pod.templateHash.equals(hash)) {
                stop(deployment.getMetadata().getNamespace(), pod, current);
            }
        }
        int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        while (current.size() < desired) {
            current.add(start(key, deployment, main, hash));
        }
        while (current.size() > desired) {
            stop(deployment.getMetadata().getNamespace(), current.get(current.size() - 1), current);
        }
        writeStatus(deployment, current, hash);
    }

    private SimulatedPod start(String key, Deployment deployment, Container main, String hash) {
        WorkloadBehaviour behaviour = WorkloadBehaviour.fromImage(main.getImage());
        behaviour.problems().forEach(p -> LOG.warn("deployment {}, image {}: {}", key, main.getImage(), p));
        String name = deployment.getMetadata().getName() + "-" + hash + "-" + UUID.randomUUID().toString().substring(0, 5);
        SimulatedPod pod = new SimulatedPod(name, hash, new SampleWorkload(name, behaviour));
        client.pods().inNamespace(deployment.getMetadata().getNamespace())
                .resource(PodObjects.pod(deployment, name, hash, pod.workload.port())).create();
        LOG.info("pod {} started on 127.0.0.1:{} ({})", name, pod.workload.port(), main.getImage());
        if (!behaviour.unready()) {
            loop.schedule(() -> becomeReady(key, deployment.getMetadata().getNamespace(), pod, main),
                    podStartDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
        return pod;
    }

    private void becomeReady(String key, String namespace, SimulatedPod pod, Container main) {
        if (pod.stopped()) {
            return;
        }
        try {
            client.pods().inNamespace(namespace).withName(pod.name).editStatus(p -> {
                p.setStatus(PodObjects.status(true, main));
                return p;
            });
            pod.markReady();
            enqueue(key);
        } catch (KubernetesClientException e) {
            LOG.debug("pod {}: readiness not written ({}); retrying", pod.name, e.getCode());
            loop.schedule(() -> becomeReady(key, namespace, pod, main), RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void stop(String namespace, SimulatedPod pod, List<SimulatedPod> current) {
        pod.stop();
        current.remove(pod);
        client.pods().inNamespace(namespace).withName(pod.name).delete();
        LOG.info("pod {} stopped", pod.name);
    }

    private void stopAll(String key, List<SimulatedPod> current) {
        String namespace = key.substring(0, key.indexOf('/'));
        for (SimulatedPod pod : List.copyOf(current)) {
            stop(namespace, pod, current);
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
                .withUnavailableReplicas(nullIfZero(replicas - ready))
                .withConditions(
                        condition("Available", ready >= desired, ready >= desired
                                ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable"),
                        condition("Progressing", true, complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated"))
                .build();
        if (sameCounts(deployment.getStatus(), status)) {
            return;
        }
        client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                .withName(deployment.getMetadata().getName()).editStatus(d -> {
                    d.setStatus(status);
                    return d;
                });
    }

    private static boolean sameCounts(DeploymentStatus a, DeploymentStatus b) {
        return a != null
                && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
                && Objects.equals(a.getReplicas(), b.getReplicas())
                && Objects.equals(a.getUpdatedReplicas(), b.getUpdatedReplicas())
                && Objects.equals(a.getReadyReplicas(), b.getReadyReplicas())
                && Objects.equals(a.getAvailableReplicas(), b.getAvailableReplicas());
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
            loop.submit(() -> pods.values().forEach(list -> list.forEach(SimulatedPod::stop)))
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
