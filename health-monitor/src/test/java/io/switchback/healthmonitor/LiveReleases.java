package io.switchback.healthmonitor;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.events.Color;
import io.switchback.mockapi.MockApiServer;
import io.switchback.testkit.RunningPods;
import java.util.Map;

/** The objects a team's chart and the deployer would have left in the cluster, for the monitor's tests. */
final class LiveReleases {

    static final String NAMESPACE = MockApiServer.NAMESPACE;

    private LiveReleases() {
    }

    /** A managed Service pointing at a colour, with the release recorded as the deployer records it. */
    static Service liveService(KubernetesClient client, String service, Color color, String deploymentId) {
        return client.services().inNamespace(NAMESPACE).resource(new ServiceBuilder()
                .withNewMetadata().withName(service).withAnnotations(Map.of(
                        "switchback.io/managed", "true",
                        "switchback.io/deployment-id", deploymentId,
                        "switchback.io/live-color", color.wire())).endMetadata()
                .withNewSpec().withSelector(Map.of("app", service, "color", color.wire())).endSpec().build())
                .create();
    }

    /** A pod of a colour as the kubelet reports it: on 127.0.0.1, its {@code http} port where the test server listens. */
    static Pod pod(KubernetesClient client, String name, String service, Color color, int port, boolean ready) {
        return RunningPods.create(client, NAMESPACE, name, Map.of("app", service, "color", color.wire()), port, ready);
    }
}
