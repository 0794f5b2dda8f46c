package io.switchback.sandbox;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * What an application team's own Helm chart creates for a service Switchback manages: the Deployment
 * {@code <svc>-blue} labelled {@code app=<svc>,color=blue} and the Service {@code <svc>} selecting it,
 * annotated {@code switchback.io/managed: "true"}.
 */
public final class SampleServiceChart {

    public static final String MANAGED_ANNOTATION = "switchback.io/managed";

    private SampleServiceChart() {
    }

    public static void install(KubernetesClient client, String namespace, String service, String image, int replicas) {
        client.apps().deployments().inNamespace(namespace).resource(deployment(service, "blue", image, replicas))
                .create();
        client.services().inNamespace(namespace).resource(service(service, "blue")).create();
    }

    public static Deployment deployment(String service, String color, String image, int replicas) {
        Map<String, String> labels = Map.of("app", service, "color", color);
        return new DeploymentBuilder()
                .withNewMetadata().withName(service + "-" + color).withLabels(labels).endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withNewSelector().withMatchLabels(labels).endSelector()
                    .withProgressDeadlineSeconds(120)
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).endMetadata()
                        .withNewSpec()
                            .addNewContainer()
                                .withName(service).withImage(image)
                                .addNewPort().withName("http").withContainerPort(8080).endPort()
                                .withNewReadinessProbe().withNewHttpGet().withPath("/actuator/health")
                                    .withPort(new IntOrString("http")).endHttpGet().endReadinessProbe()
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    public static Service service(String service, String color) {
        return new ServiceBuilder()
                .withNewMetadata().withName(service).withAnnotations(Map.of(MANAGED_ANNOTATION, "true")).endMetadata()
                .withNewSpec()
                    .withSelector(Map.of("app", service, "color", color))
                    .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
                .endSpec()
                .build();
    }
}
