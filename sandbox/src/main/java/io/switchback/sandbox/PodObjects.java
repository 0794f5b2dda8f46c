package io.switchback.sandbox;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.switchback.healthmonitor.MetricsProfile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Pod objects the simulator writes, shaped as the kubelet and the ReplicaSet controller would. */
final class PodObjects {

    static final String POD_IP = "127.0.0.1";
    static final String TEMPLATE_HASH_LABEL = "pod-template-hash";
    /** On a pod template: the metrics profile whose names and endpoints its sample workload exposes (default spring-boot). */
    static final String METRICS_PROFILE_ANNOTATION = "sandbox.switchback.io/metrics-profile";

    private PodObjects() {
    }

    /** A short stable hash of the pod template: a changed template means new pods. */
    static String templateHash(PodTemplateSpec template) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Serialization.asJson(template).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Pod of a deployment's template, serving on 127.0.0.1 at the workload's port; its status comes from {@link #status}. */
    static Pod pod(Deployment deployment, String podName, String hash, int port) {
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        Map<String, String> labels = new LinkedHashMap<>(orEmpty(template.getMetadata() == null
                ? null : template.getMetadata().getLabels()));
        labels.put(TEMPLATE_HASH_LABEL, hash);
        Map<String, String> annotations = new LinkedHashMap<>(orEmpty(template.getMetadata() == null
                ? null : template.getMetadata().getAnnotations()));
        annotations.put("prometheus.io/scrape", "true");
        annotations.put("prometheus.io/port", Integer.toString(port));
        annotations.put("prometheus.io/path", MetricsProfile.builtIn(metricsProfile(template)).paths().metricsPath());
        PodSpec spec = Serialization.clone(template.getSpec());
        Container main = spec.getContainers().get(0);
        main.setPorts(List.of(new ContainerPortBuilder().withName("http").withContainerPort(port)
                .withProtocol("TCP").build()));
        return new PodBuilder()
                .withNewMetadata()
                    .withName(podName)
                    .withNamespace(deployment.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withAnnotations(annotations)
                    .addNewOwnerReference()
                        .withApiVersion("apps/v1").withKind("Deployment")
                        .withName(deployment.getMetadata().getName())
                        .withUid(deployment.getMetadata().getUid())
                        .withController(true)
                    .endOwnerReference()
                .endMetadata()
                .withSpec(spec)
                .build();
    }

    /** The metrics profile the template's annotation names; spring-boot without one (or with one it does not know). */
    static MetricsProfile.Kind metricsProfile(PodTemplateSpec template) {
        String named = template.getMetadata() == null || template.getMetadata().getAnnotations() == null ? null
                : template.getMetadata().getAnnotations().get(METRICS_PROFILE_ANNOTATION);
        for (MetricsProfile.Kind kind : MetricsProfile.Kind.values()) {
            if (kind != MetricsProfile.Kind.CUSTOM && kind.wire().equals(named)) {
                return kind;
            }
        }
        return MetricsProfile.Kind.SPRING_BOOT;
    }

    /** The status the kubelet reports for {@code pod} now: phase, conditions, the container's state and restarts. */
    static PodStatus status(SimulatedPod pod) {
        String ready = pod.ready() ? "True" : "False";
        String transition = pod.readyTransitionAt.toString();
        String created = pod.createdAt.toString();
        return new PodStatusBuilder()
                .withPhase(pod.containerStartedAt == null && pod.lastTerminated == null ? "Pending" : "Running")
                .withPodIP(POD_IP)
                .addNewPodIP(POD_IP)
                .withHostIP(POD_IP)
                .withStartTime(created)
                .withConditions(
                        condition("PodScheduled", "True", created),
                        condition("Initialized", "True", created),
                        condition("ContainersReady", ready, transition),
                        condition("Ready", ready, transition))
                .withContainerStatuses(containerStatus(pod))
                .build();
    }

    private static ContainerStatus containerStatus(SimulatedPod pod) {
        ContainerStatusBuilder status = new ContainerStatusBuilder()
                .withName(pod.containerName).withImage(pod.image).withReady(pod.ready()).withStarted(pod.running())
                .withRestartCount(pod.restartCount);
        if (pod.running()) {
            status.withNewState().withNewRunning(pod.containerStartedAt.toString()).endState();
        } else {
            status.withNewState().withNewWaiting(waitingMessage(pod), pod.waitingReason).endState();
        }
        SimulatedPod.Terminated last = pod.lastTerminated;
        if (last != null) {
            status.withNewLastState().withNewTerminated().withExitCode(last.exitCode()).withReason(last.reason())
                    .withStartedAt(last.startedAt().toString()).withFinishedAt(last.finishedAt().toString())
                    .endTerminated().endLastState();
        }
        return status.build();
    }

    private static String waitingMessage(SimulatedPod pod) {
        return "CrashLoopBackOff".equals(pod.waitingReason)
                ? "back-off restarting failed container " + pod.containerName + " in pod " + pod.name : null;
    }

    private static PodCondition condition(String type, String status, String at) {
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(at).build();
    }

    static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
