package io.switchback.sandbox;

import io.fabric8.kubernetes.api.model.PodStatus;
import io.switchback.healthmonitor.MetricsProfile;
import java.time.Instant;
import java.util.concurrent.Future;

/**
 * One pod the simulator runs, as the kubelet knows it: its container (a {@link SampleWorkload} while it
 * runs), restarts, and readiness. Touched only on the simulator's loop thread, except {@link #ready()}.
 */
final class SimulatedPod {

    /** How the container last ended. */
    record Terminated(int exitCode, String reason, Instant startedAt, Instant finishedAt) {
    }

    final String name;
    final String namespace;
    final String deploymentKey;
    final String templateHash;
    final String containerName;
    final String image;
    final WorkloadBehaviour behaviour;
    final ReadinessProbe probe;
    final int port;
    final MetricsProfile.Kind metricsProfile;
    final Instant createdAt = Instant.now();

    SampleWorkload workload;
    /** Counts container starts, so that a probe answer or timer of an earlier container is ignored. */
    int run;
    int restartCount;
    Instant containerStartedAt;
    String waitingReason = "ContainerCreating";
    Terminated lastTerminated;
    int successes;
    int failures;
    Instant readySince;
    Instant readyTransitionAt = createdAt;
    Instant firstReadyAt;
    boolean deleted;
    Future<?> probes;
    PodStatus lastWrittenStatus;
    private volatile boolean ready;

    SimulatedPod(String name, String namespace, String deploymentKey, String templateHash, String containerName,
            String image, WorkloadBehaviour behaviour, ReadinessProbe probe, int port, MetricsProfile.Kind metricsProfile) {
        this.name = name;
        this.namespace = namespace;
        this.deploymentKey = deploymentKey;
        this.templateHash = templateHash;
        this.containerName = containerName;
        this.image = image;
        this.behaviour = behaviour;
        this.probe = probe;
        this.port = port;
        this.metricsProfile = metricsProfile;
    }

    boolean ready() {
        return ready;
    }

    /** Sets readiness; true when it changed (and the transition time with it). */
    boolean ready(boolean now, Instant at) {
        if (ready == now) {
            return false;
        }
        ready = now;
        readyTransitionAt = at;
        readySince = now ? at : null;
        return true;
    }

    boolean running() {
        return workload != null;
    }
}
