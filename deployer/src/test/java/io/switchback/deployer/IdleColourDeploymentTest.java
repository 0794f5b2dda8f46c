package io.switchback.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.switchback.events.Color;
import org.junit.jupiter.api.Test;

class IdleColourDeploymentTest {

    private final Deployment live = new DeploymentBuilder(Fixtures.deployment("blue", Fixtures.GOOD, 3))
            .editMetadata().withResourceVersion("42").withUid("uid-1").endMetadata()
            .withStatus(new DeploymentStatusBuilder().withReadyReplicas(3).build()).build();

    @Test
    void copiesTheLiveTemplateWithTheNewImageOnTheIdleColour() {
        Deployment idle = IdleColourDeployment.desired(live, "checkout", Color.GREEN, Fixtures.NEXT, "dep-1");

        assertThat(idle.getMetadata().getName()).isEqualTo("checkout-green");
        assertThat(idle.getMetadata().getResourceVersion()).isNull();
        assertThat(idle.getMetadata().getUid()).isNull();
        assertThat(idle.getMetadata().getLabels()).containsEntry("color", "green").containsEntry("app", "checkout");
        assertThat(idle.getMetadata().getAnnotations()).containsEntry("switchback.io/deployment-id", "dep-1");
        assertThat(idle.getSpec().getSelector().getMatchLabels()).containsEntry("color", "green");
        assertThat(idle.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("color", "green");
        assertThat(idle.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("switchback.io/deployment-id", "dep-1");
        assertThat(idle.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(Fixtures.NEXT);
        assertThat(idle.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getContainerPort())
                .isEqualTo(8080);
        assertThat(idle.getSpec().getReplicas()).isEqualTo(3);
        assertThat(idle.getStatus()).isNull();
        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .as("the live Deployment is not touched").isEqualTo(Fixtures.GOOD);
    }

    @Test
    void aLiveDeploymentWithoutLabelsStillGetsTheIdleColour() {
        Deployment unlabelled = new DeploymentBuilder(live).editMetadata().withLabels(null).endMetadata().build();

        assertThat(IdleColourDeployment.desired(unlabelled, "checkout", Color.GREEN, Fixtures.NEXT, "dep-1")
                .getMetadata().getLabels()).containsExactly(java.util.Map.entry("color", "green"));
    }

    @Test
    void matchesOnlyWhatItWouldWrite() {
        Deployment desired = IdleColourDeployment.desired(live, "checkout", Color.GREEN, Fixtures.NEXT, "dep-1");
        Deployment applied = new DeploymentBuilder(desired).editMetadata().withResourceVersion("7")
                .addToAnnotations("kubectl.kubernetes.io/last-applied", "{}").endMetadata().build();

        assertThat(IdleColourDeployment.matches(applied, desired)).isTrue();
        assertThat(IdleColourDeployment.matches(null, desired)).isFalse();
        assertThat(IdleColourDeployment.matches(applied,
                IdleColourDeployment.desired(live, "checkout", Color.GREEN, Fixtures.NEXT, "dep-2"))).isFalse();
        assertThat(IdleColourDeployment.matches(new DeploymentBuilder(applied).editSpec().withReplicas(0).endSpec().build(),
                desired)).isFalse();
        assertThat(IdleColourDeployment.matches(new DeploymentBuilder(applied).editMetadata().withAnnotations(null)
                .endMetadata().build(), desired)).isFalse();
        assertThat(IdleColourDeployment.matches(
                IdleColourDeployment.desired(live, "checkout", Color.GREEN, Fixtures.GOOD, "dep-1"), desired)).isFalse();
    }
}
