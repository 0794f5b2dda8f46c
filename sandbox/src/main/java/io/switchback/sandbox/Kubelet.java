package io.switchback.sandbox;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the kubelet for the pods the {@link WorkloadSimulator} asks for. A pod's container is a
 * {@link SampleWorkload} that starts after the start delay; its readiness comes only from the readiness
 * probe of the pod template, run as the kubelet runs it; a container that exits is restarted after a
 * back-off that doubles per restart (up to 8 times the base), with {@code restartCount}, {@code state} and
 * {@code lastState} reported as Kubernetes reports them. Pod status is written through {@code /status} only
 * when it changed. Everything runs on the simulator's loop thread; probes answer back onto it.
 */
final class Kubelet {

    private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);
    private static final long RETRY_MILLIS = 100;
    private static final int MAX_BACKOFF_FACTOR = 8;

    private final KubernetesClient client;
    private final ScheduledExecutorService loop;
    private final Duration startDelay;
    private final Duration restartBackoff;
    private final Consumer<String> readinessChanged;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    Kubelet(KubernetesClient client, ScheduledExecutorService loop, Duration startDelay, Duration restartBackoff,
            Consumer<String> readinessChanged) {
        this.client = client;
        this.loop = loop;
        this.startDelay = startDelay;
        this.restartBackoff = restartBackoff;
        this.readinessChanged = readinessChanged;
    }

    /** Creates the Pod object of {@code deployment}'s template and starts its container after the start delay. */
    SimulatedPod run(String key, Deployment deployment, Container main, String hash) {
        WorkloadBehaviour behaviour = WorkloadBehaviour.fromImage(main.getImage());
        behaviour.problems().forEach(p -> LOG.warn("deployment {}, image {}: {}", key, main.getImage(), p));
        String name = deployment.getMetadata().getName() + "-" + hash + "-" + UUID.randomUUID().toString().substring(0, 5);
        SimulatedPod pod = new SimulatedPod(name, deployment.getMetadata().getNamespace(), key, hash, main.getName(),
                main.getImage(), behaviour, ReadinessProbe.of(main), freePort(),
                PodObjects.metricsProfile(deployment.getSpec().getTemplate()));
        client.pods().inNamespace(pod.namespace).resource(PodObjects.pod(deployment, name, hash, pod.port)).create();
        writeStatus(pod);
        loop.schedule(() -> startContainer(pod), startDelay.toMillis(), TimeUnit.MILLISECONDS);
        return pod;
    }

    /** Kills the container and deletes the Pod object. */
    void stop(SimulatedPod pod) {
        pod.deleted = true;
        kill(pod);
        client.pods().inNamespace(pod.namespace).withName(pod.name).delete();
        LOG.info("pod {} stopped", pod.name);
    }

    /** Kills the container only: the process ends, nothing is written (the simulator is shutting down). */
    void kill(SimulatedPod pod) {
        if (pod.probes != null) {
            pod.probes.cancel(false);
        }
        if (pod.workload != null) {
            pod.workload.close();
            pod.workload = null;
        }
    }

    private void startContainer(SimulatedPod pod) {
        if (pod.deleted) {
            return;
        }
        try {
            pod.workload = new SampleWorkload(pod.name, pod.behaviour, pod.port, pod.metricsProfile);
        } catch (UncheckedIOException e) {
            LOG.warn("pod {}: container could not start: {}", pod.name, e.getMessage());
            exited(pod, 128, "StartError");
            return;
        }
        if (pod.firstReadyAt != null) {
            pod.workload.podFirstReadyAt(pod.firstReadyAt);
        }
        int run = ++pod.run;
        pod.containerStartedAt = Instant.now();
        pod.waitingReason = null;
        pod.successes = 0;
        pod.failures = 0;
        LOG.info("pod {} container started on 127.0.0.1:{} ({}), restarts {}", pod.name, pod.port, pod.image,
                pod.restartCount);
        writeStatus(pod);
        if (!pod.probe.probed()) {
            becomeReady(pod, true);
            return;
        }
        pod.probes = loop.scheduleWithFixedDelay(() -> probe(pod, run), pod.probe.initialDelay().toMillis(),
                pod.probe.period().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe(SimulatedPod pod, int run) {
        if (pod.run != run || !pod.running()) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pod.port + pod.probe.path()))
                .timeout(pod.probe.timeout()).GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            boolean passed = error == null && response.statusCode() >= 200 && response.statusCode() < 400;
            loop.execute(() -> probed(pod, run, passed));
        });
    }

    private void probed(SimulatedPod pod, int run, boolean passed) {
        if (pod.run != run || !pod.running() || pod.deleted) {
            return;
        }
        if (passed) {
            pod.failures = 0;
            if (++pod.successes >= pod.probe.successThreshold()) {
                becomeReady(pod, true);
            }
        } else {
            pod.successes = 0;
            if (++pod.failures >= pod.probe.failureThreshold()) {
                becomeReady(pod, false);
            }
        }
    }

    private void becomeReady(SimulatedPod pod, boolean ready) {
        Instant now = Instant.now();
        if (!pod.ready(ready, now)) {
            return;
        }
        LOG.info("pod {} is {}", pod.name, ready ? "ready" : "not ready");
        if (ready && pod.firstReadyAt == null) {
            pod.firstReadyAt = now;
            pod.workload.podFirstReadyAt(now);
        }
        if (ready && pod.behaviour.crashAfter() != null) {
            int run = pod.run;
            loop.schedule(() -> crash(pod, run), pod.behaviour.crashAfter().toMillis(), TimeUnit.MILLISECONDS);
        }
        writeStatus(pod);
        readinessChanged.accept(pod.deploymentKey);
    }

    private void crash(SimulatedPod pod, int run) {
        if (pod.run == run && pod.running() && !pod.deleted) {
            LOG.info("pod {}: the process exited (crash-after fault)", pod.name);
            exited(pod, 1, "Error");
        }
    }

    /** The container ended: not ready at once, restarted after the back-off. */
    private void exited(SimulatedPod pod, int exitCode, String reason) {
        Instant now = Instant.now();
        kill(pod);
        pod.lastTerminated = new SimulatedPod.Terminated(exitCode, reason,
                pod.containerStartedAt == null ? now : pod.containerStartedAt, now);
        pod.waitingReason = "CrashLoopBackOff";
        boolean changed = pod.ready(false, now);
        writeStatus(pod);
        if (changed) {
            readinessChanged.accept(pod.deploymentKey);
        }
        long factor = Math.min(MAX_BACKOFF_FACTOR, 1L << Math.min(pod.restartCount, 10));
        loop.schedule(() -> restart(pod), restartBackoff.toMillis() * factor, TimeUnit.MILLISECONDS);
    }

    private void restart(SimulatedPod pod) {
        if (!pod.deleted) {
            pod.restartCount++;
            startContainer(pod);
        }
    }

    /** Writes the pod's status when it differs from what was last written; retried until it is taken. */
    private void writeStatus(SimulatedPod pod) {
        if (pod.deleted) {
            return;
        }
        var status = PodObjects.status(pod);
        if (status.equals(pod.lastWrittenStatus)) {
            return;
        }
        try {
            client.pods().inNamespace(pod.namespace).withName(pod.name).editStatus(p -> {
                p.setStatus(status);
                return p;
            });
            pod.lastWrittenStatus = status;
        } catch (KubernetesClientException e) {
            LOG.debug("pod {}: status not written ({}); retrying", pod.name, e.getCode());
            loop.schedule(() -> writeStatus(pod), RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** A free loopback port for a pod: its container keeps it across restarts, as a pod keeps its IP and port. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for a pod", e);
        }
    }
}
