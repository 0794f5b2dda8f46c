package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildConclusion;
import java.time.Instant;
import java.util.Map;

/** What a team's chart creates, and builds, for the deployer's tests. */
final class Fixtures {

    static final String GOOD = "registry.example/checkout:1.4.0";
    static final String NEXT = "registry.example/checkout:1.5.0";

    private Fixtures() {
    }

    static Deployment deployment(String color, String image, int replicas) {
        Map<String, String> labels = Map.of("app", "checkout", "color", color);
        return new DeploymentBuilder()
                .withNewMetadata().withName("checkout-" + color).withNamespace("default").withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(replicas)
                    .withNewSelector().withMatchLabels(labels).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                        .withNewSpec().addNewContainer().withName("checkout").withImage(image)
                            .addNewPort().withName("http").withContainerPort(8080).endPort().endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec().build();
    }

    static Service service(String color, boolean managed) {
        return new ServiceBuilder()
                .withNewMetadata().withName("checkout").withNamespace("default")
                    .withAnnotations(managed ? Map.of("switchback.io/managed", "true") : Map.of()).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "checkout", "color", color))
                    .addNewPort().withPort(80).withTargetPort(new IntOrString("http")).endPort().endSpec()
                .build();
    }

    static BuildCompleted build(String image, String branch, BuildConclusion conclusion) {
        return new BuildCompleted("b-" + image.hashCode() + branch, Instant.parse("2026-11-26T10:00:00Z"), "checkout",
                image, "7f3a9c1", branch, null, 1, conclusion, null);
    }
}
