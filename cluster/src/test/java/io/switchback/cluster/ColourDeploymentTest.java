package io.switchback.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.switchback.events.Color;
import io.switchback.mockapi.TeamChart;
import org.junit.jupiter.api.Test;

class ColourDeploymentTest {

    private static final String GOOD = "registry.example/checkout:1.4.0";
    private static final String NEXT = "registry.example/checkout:1.5.0";

    private final Deployment live = new DeploymentBuilder(deployment("blue", GOOD, 3))
            .editMetadata().withResourceVersion("42").withUid("uid-1").endMetadata()
            .withStatus(new DeploymentStatusBuilder().withReadyReplicas(3).build()).build();

    @Test
    void copiesTheLiveTemplateWithTheNewImageOnTheIdleColour() {
        Deployment idle = ColourDeployment.desired(live, "checkout", Color.GREEN, NEXT, "dep-1");

        assertThat(idle.getMetadata().getName()).isEqualTo("checkout-green");
        assertThat(idle.getMetadata().getResourceVersion()).isNull();
        assertThat(idle.getMetadata().getUid()).isNull();
        assertThat(idle.getMetadata().getLabels()).containsEntry("color", "green").containsEntry("app", "checkout");
        assertThat(idle.getMetadata().getAnnotations()).containsEntry("switchback.io/deployment-id", "dep-1");
        assertThat(idle.getSpec().getSelector().getMatchLabels()).containsEntry("color", "green");
        assertThat(idle.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("color", "green");
        assertThat(idle.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("switchback.io/deployment-id", "dep-1");
        assertThat(idle.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(NEXT);
        assertThat(idle.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getContainerPort())
                .isEqualTo(8080);
        assertThat(idle.getSpec().getReplicas()).isEqualTo(3);
        assertThat(idle.getStatus()).isNull();
        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .as("the live Deployment is not touched").isEqualTo(GOOD);
    }

    @Test
    void aLiveDeploymentWithoutLabelsStillGetsTheIdleColour() {
        Deployment unlabelled = new DeploymentBuilder(live).editMetadata().withLabels(null).endMetadata().build();

        assertThat(ColourDeployment.desired(unlabelled, "checkout", Color.GREEN, NEXT, "dep-1")
                .getMetadata().getLabels()).containsExactly(java.util.Map.entry("color", "green"));
    }

    @Test
    void matchesOnlyWhatItWouldWrite() {
        Deployment desired = ColourDeployment.desired(live, "checkout", Color.GREEN, NEXT, "dep-1");
        Deployment applied = new DeploymentBuilder(desired).editMetadata().withResourceVersion("7")
                .addToAnnotations("kubectl.kubernetes.io/last-applied", "{}").endMetadata().build();

        assertThat(ColourDeployment.matches(applied, desired)).isTrue();
        assertThat(ColourDeployment.matches(null, desired)).isFalse();
        assertThat(ColourDeployment.matches(applied,
                ColourDeployment.desired(live, "checkout", Color.GREEN, NEXT, "dep-2"))).isFalse();
        assertThat(ColourDeployment.matches(new DeploymentBuilder(applied).editSpec().withReplicas(0).endSpec().build(),
                desired)).isFalse();
        assertThat(ColourDeployment.matches(new DeploymentBuilder(applied).editMetadata().withAnnotations(null)
                .endMetadata().build(), desired)).isFalse();
        assertThat(ColourDeployment.matches(
                ColourDeployment.desired(live, "checkout", Color.GREEN, GOOD, "dep-1"), desired)).isFalse();
    }

    @Test
    void theTeamsOwnReleaseIsPutBackWithoutAnId() {
        Deployment switchbacks = ColourDeployment.desired(live, "checkout", Color.GREEN, NEXT, "dep-1");
        Deployment restored = ColourDeployment.desired(switchbacks, "checkout", Color.BLUE, GOOD, null);

        assertThat(BlueGreen.deploymentIdOf(restored)).isNull();
        assertThat(restored.getSpec().getTemplate().getMetadata().getAnnotations()).doesNotContainKey(BlueGreen.DEPLOYMENT_ID);
        assertThat(BlueGreen.imageOf(restored)).isEqualTo(GOOD);
        assertThat(restored.getMetadata().getName()).isEqualTo("checkout-blue");
    }

    static Deployment deployment(String color, String image, int replicas) {
        return new DeploymentBuilder(TeamChart.deployment("checkout", color, image, replicas))
                .editMetadata().withNamespace("default").endMetadata().build();
    }
}
