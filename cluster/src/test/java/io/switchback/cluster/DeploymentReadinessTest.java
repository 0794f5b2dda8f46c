package io.switchback.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

class DeploymentReadinessTest {

    @Test
    void readyOnlyWhenTheCurrentGenerationHasEveryReplicaReady() {
        assertThat(DeploymentReadiness.isReady(null)).isFalse();
        assertThat(DeploymentReadiness.isReady(deployment(2))).isFalse();
        assertThat(DeploymentReadiness.isReady(status(2, 2L, 2L, 2, 2, 2, 2))).isTrue();
        assertThat(DeploymentReadiness.isReady(status(2, 3L, 2L, 2, 2, 2, 2))).as("stale generation").isFalse();
        assertThat(DeploymentReadiness.isReady(status(2, null, null, 2, 2, 2, 2))).as("no generation yet").isTrue();
        assertThat(DeploymentReadiness.isReady(status(2, 2L, 2L, 1, 2, 2, 2))).as("old pods left").isFalse();
        assertThat(DeploymentReadiness.isReady(status(2, 2L, 2L, 2, 3, 2, 2))).as("surplus pods").isFalse();
        assertThat(DeploymentReadiness.isReady(status(2, 2L, 2L, 2, 2, 1, 2))).isFalse();
        assertThat(DeploymentReadiness.isReady(status(2, 2L, 2L, 2, 2, 2, 1))).isFalse();
        assertThat(DeploymentReadiness.isReady(status(0, 1L, 1L, null, null, null, null))).as("scaled to zero").isTrue();
        assertThat(DeploymentReadiness.isReady(new DeploymentBuilder(status(1, 1L, 1L, 1, 1, 1, 1)).editSpec()
                .withReplicas(null).endSpec().build())).as("replicas default to 1").isTrue();
    }

    @Test
    void saysHowFarItGot() {
        assertThat(DeploymentReadiness.progress(null)).isEqualTo("the Deployment is gone");
        assertThat(DeploymentReadiness.progress(deployment(3))).isEqualTo("0 of 3 pods ready");
        assertThat(DeploymentReadiness.progress(status(3, 1L, 1L, 3, 3, 2, 2))).isEqualTo("2 of 3 pods ready");
    }

    private static Deployment deployment(Integer replicas) {
        return new DeploymentBuilder().withNewMetadata().withName("checkout-green").endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec().build();
    }

    private static Deployment status(Integer desired, Long generation, Long observed, Integer updated, Integer replicas,
            Integer ready, Integer available) {
        return new DeploymentBuilder(deployment(desired))
                .editMetadata().withGeneration(generation).endMetadata()
                .withNewStatus().withObservedGeneration(observed).withUpdatedReplicas(updated).withReplicas(replicas)
                .withReadyReplicas(ready).withAvailableReplicas(available).endStatus().build();
    }
}
