package io.switchback.cluster;

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
 * A colour's Deployment as a release needs it: the live Deployment's pod template with the release's image,
 * relabelled to the colour, annotated with the release it is for. The deployer puts a new release on the
 * idle colour with it; the rollback controller puts the previous release back when a rollout took its
 * colour. A pure function of its inputs, applied only when it drifted.
 */
public final class ColourDeployment {

    private ColourDeployment() {
    }

    /** @param deploymentId the release; null for the team's own first release, which carries no id */
    public static Deployment desired(Deployment live, String service, Color idle, String image, String deploymentId) {
        return desired(live, service, idle, image, deploymentId, live.getSpec().getReplicas());
    }

    /** The same with {@code replicas} pods instead of the live colour's (a canary's few). */
    public static Deployment desired(Deployment live, String service, Color idle, String image, String deploymentId,
            Integer replicas) {
        Deployment copy = Serialization.clone(live);
        Map<String, String> annotations = new LinkedHashMap<>();
        if (deploymentId != null) {
            annotations.put(BlueGreen.DEPLOYMENT_ID, deploymentId);
        }
        ObjectMeta metadata = new ObjectMetaBuilder()
                .withName(BlueGreen.deploymentName(service, idle))
                .withNamespace(live.getMetadata().getNamespace())
                .withLabels(recolour(copy.getMetadata().getLabels(), idle))
                .withAnnotations(annotations)
                .build();
        return new DeploymentBuilder(copy)
                .withMetadata(metadata)
                .withStatus(null)
                .editSpec()
                    .withReplicas(replicas)
                    .editSelector().withMatchLabels(recolour(copy.getSpec().getSelector().getMatchLabels(), idle))
                    .endSelector()
                    .editTemplate()
                        .editMetadata()
                            .withLabels(recolour(copy.getSpec().getTemplate().getMetadata().getLabels(), idle))
                            // a new deployment id means new pods, even for an image seen before
                            .withAnnotations(templateAnnotations(copy, deploymentId))
                        .endMetadata()
                        .editSpec().editFirstContainer().withImage(image).endContainer().endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /** Whether the existing Deployment already is what {@code desired} asks for. */
    public static boolean matches(Deployment existing, Deployment desired) {
        return existing != null
                && Objects.equals(BlueGreen.deploymentIdOf(existing), BlueGreen.deploymentIdOf(desired))
                && desired.getSpec().getTemplate().equals(existing.getSpec().getTemplate())
                && Objects.equals(desired.getSpec().getReplicas(), existing.getSpec().getReplicas());
    }

    private static Map<String, String> templateAnnotations(Deployment copy, String deploymentId) {
        Map<String, String> annotations = new LinkedHashMap<>(Objects.requireNonNullElse(
                copy.getSpec().getTemplate().getMetadata().getAnnotations(), Map.of()));
        if (deploymentId == null) {
            annotations.remove(BlueGreen.DEPLOYMENT_ID);
        } else {
            annotations.put(BlueGreen.DEPLOYMENT_ID, deploymentId);
        }
        return annotations;
    }

    private static Map<String, String> recolour(Map<String, String> labels, Color idle) {
        Map<String, String> result = new LinkedHashMap<>(Objects.requireNonNullElse(labels, Map.of()));
        result.put(BlueGreen.COLOR_LABEL, idle.wire());
        return result;
    }
}
