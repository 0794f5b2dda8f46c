package io.switchback.testkit;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Map;

/**
 * Pods as the kubelet reports them, for tests whose code reads pods: created as a controller would, then
 * their status written through the status subresource, the only way a real API server takes it.
 */
public final class RunningPods {

    private RunningPods() {
    }

    /** A running pod on 127.0.0.1 whose {@code http} container port is {@code port}, ready or not. */
    public static Pod create(KubernetesClient client, String namespace, String name, Map<String, String> labels,
            int port, boolean ready) {
        client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("registry.example/app:test")
                    .addNewPort().withName("http").withContainerPort(port).endPort().endContainer().endSpec()
                .build()).create();
        String now = Instant.now().toString();
        return client.pods().inNamespace(namespace).withName(name).editStatus(pod -> new PodBuilder(pod)
                .withStatus(new PodStatusBuilder().withPhase("Running").withPodIP("127.0.0.1").withStartTime(now)
                        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                            .withLastTransitionTime(now).endCondition()
                        .build())
                .build());
    }
}
