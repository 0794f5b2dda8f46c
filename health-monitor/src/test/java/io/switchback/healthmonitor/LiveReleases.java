package io.switchback.healthmonitor;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.cluster.Phase;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.Color;
import io.switchback.mockapi.MockApiServer;
import io.switchback.testkit.RunningPods;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The objects a team's chart, the deployer and the kubelet would have left in the cluster, for the monitor's tests. */
final class LiveReleases {

    static final String NAMESPACE = MockApiServer.NAMESPACE;

    private LiveReleases() {
    }

    /** A managed Service pointing at a colour, with the release recorded as the deployer records a soaking one. */
    static Service liveService(KubernetesClient client, String service, Color color, String deploymentId) {
        Instant switched = Instant.now();
        return liveService(client, service, color, deploymentId, switched, switched.plusSeconds(900));
    }

    /** The same, switched at {@code switched} and soaking until {@code windowEnds}. */
    static Service liveService(KubernetesClient client, String service, Color color, String deploymentId,
            Instant switched, Instant windowEnds) {
        ReleaseRecord record = ReleaseRecord.of(new ServiceBuilder().withNewMetadata().endMetadata().withNewSpec()
                .withSelector(Map.of("color", color.wire())).endSpec().build()).orElseThrow().toBuilder()
                .live(deploymentId, color, "r/" + service + ":" + deploymentId, switched, Phase.SOAKING, windowEnds)
                .previous(color.other(), "r/" + service + ":previous", null).build();
        Map<String, String> annotations = new HashMap<>(Map.of("switchback.io/managed", "true"));
        record.annotations().forEach((key, value) -> {
            if (value != null) {
                annotations.put(key, value);
            }
        });
        return client.services().inNamespace(NAMESPACE).resource(new ServiceBuilder()
                .withNewMetadata().withName(service).withAnnotations(annotations).endMetadata()
                .withNewSpec().withSelector(Map.of("app", service, "color", color.wire())).endSpec().build())
                .create();
    }

    /** A colour's Deployment with its desired replicas, as the team's chart or the deployer created it. */
    static Deployment deployment(KubernetesClient client, String service, Color color, int replicas) {
        return client.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder()
                .withNewMetadata().withName(service + "-" + color.wire()).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(Map.of("app", service, "color", color.wire())).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", service, "color", color.wire()))
                .endMetadata().withNewSpec().addNewContainer().withName("app").withImage("r/" + service + ":test")
                .endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
    }

    /**
     * A pod of a colour as the kubelet reports it: on 127.0.0.1, its {@code http} port where the test server
     * listens, its container not restarted yet.
     */
    static Pod pod(KubernetesClient client, String name, String service, Color color, int port, boolean ready) {
        RunningPods.create(client, NAMESPACE, name, Map.of("app", service, "color", color.wire()), port, ready);
        return client.pods().inNamespace(NAMESPACE).withName(name).editStatus(pod -> {
            pod.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("app")
                    .withReady(ready).withRestartCount(0).build()));
            return pod;
        });
    }

    /** The kubelet's report that a pod's readiness changed at {@code since}. */
    static Pod readiness(KubernetesClient client, String name, boolean ready, Instant since) {
        return client.pods().inNamespace(NAMESPACE).withName(name).editStatus(pod -> {
            PodCondition condition = pod.getStatus().getConditions().stream()
                    .filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
            condition.setStatus(ready ? "True" : "False");
            condition.setLastTransitionTime(since.toString());
            return pod;
        });
    }

    /** The kubelet's report that a pod's container restarted {@code restarts} times in all. */
    static Pod restarted(KubernetesClient client, String name, int restarts) {
        return client.pods().inNamespace(NAMESPACE).withName(name).editStatus(pod -> {
            pod.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder(
                    pod.getStatus().getContainerStatuses().get(0)).withRestartCount(restarts).build()));
            return pod;
        });
    }
}
