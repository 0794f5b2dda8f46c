package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.switchback.events.Color;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The idle colour's Deployment as it should be: the live Deployment's pod template with the new image,
 * relabelled to the idle colour. A pure function of its inputs, applied only when it drifted.
 */
final class IdleColourDeployment {

    static final String DEPLOYMENT_ID_ANNOTATION = "switchback.io/deployment-id";
    private static final String COLOR = "color";

    private IdleColourDeployment() {
    }

    static Deployment desired(Deployment live, String service, Color idle, String image, String deploymentId) {
        Deployment copy = Serialization.clone(live);
        Map<String, String> labels = recolour(copy.getMetadata().getLabels(), idle);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(DEPLOYMENT_ID_ANNOTATION, deploymentId);
        ObjectMeta metadata = new ObjectMetaBuilder()
                .withName(service + "-" + idle.wire())
                .withNamespace(live.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .build();
        DeploymentBuilder desired = new DeploymentBuilder(copy)
                .withMetadata(metadata)
                .withStatus(null)
                .editSpec()
                    .editSelector().withMatchLabels(recolour(copy.getSpec().getSelector().getMatchLabels(), idle))
                    .endSelector()
                    .editTemplate()
                        .editMetadata()
                            .withLabels(recolour(copy.getSpec().getTemplate().getMetadata().getLabels(), idle))
                            // a new deployment id means new pods, even for an image seen before
                            .addToAnnotations(DEPLOYMENT_ID_ANNOTATION, deploymentId)
                        .endMetadata()
                        .editSpec().editFirstContainer().withImage(image).endContainer().endSpec()
                    .endTemplate()
                .endSpec();
        return desired.build();
    }

    /** Whether the existing idle Deployment already is what {@code desired} asks for. */
    static boolean matches(Deployment existing, Deployment desired) {
        return existing != null
                && desired.getMetadata().getAnnotations().equals(annotationsOf(existing, desired))
                && desired.getSpec().getTemplate().equals(existing.getSpec().getTemplate())
                && Objects.equals(desired.getSpec().getReplicas(), existing.getSpec().getReplicas());
    }

    private static Map<String, String> annotationsOf(Deployment existing, Deployment desired) {
        Map<String, String> existingAnnotations = existing.getMetadata().getAnnotations() == null
                ? Map.of() : existing.getMetadata().getAnnotations();
        Map<String, String> ours = new LinkedHashMap<>();
        desired.getMetadata().getAnnotations().keySet().forEach(k -> {
            if (existingAnnotations.containsKey(k)) {
                ours.put(k, existingAnnotations.get(k));
            }
        });
        return ours;
    }

    private static Map<String, String> recolour(Map<String, String> labels, Color idle) {
        Map<String, String> result = new LinkedHashMap<>(Objects.requireNonNullElse(labels, Map.of()));
        result.put(COLOR, idle.wire());
        return result;
    }
}
