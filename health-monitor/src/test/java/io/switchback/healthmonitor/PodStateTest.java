package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A pod as the API server reports it, read into what the health monitor judges. */
class PodStateTest {

    @Test
    void aReadyPodHasNoNotReadySinceAndItsContainersRestartsAreSummed() {
        Pod pod = pod("True", "2026-11-26T10:14:00Z").editStatus()
                .withContainerStatuses(new ContainerStatusBuilder().withName("app").withRestartCount(2).build(),
                        new ContainerStatusBuilder().withName("proxy").withRestartCount(1).build())
                .endStatus().build();

        assertThat(PodState.of(pod)).isEqualTo(new PodState("checkout-green-a", true, null, 3));
        assertThat(PodState.isReady(pod)).isTrue();
    }

    @Test
    void aPodThatIsNotReadySaysSinceWhenFromItsReadyCondition() {
        assertThat(PodState.of(pod("False", "2026-11-26T10:14:00Z").build()))
                .isEqualTo(new PodState("checkout-green-a", false, Instant.parse("2026-11-26T10:14:00Z"), 0));
    }

    @Test
    void withoutAReadyConditionAPodIsNotReadySinceItWasCreatedOrSinceUnknown() {
        Pod pending = new PodBuilder().withNewMetadata().withName("p").withCreationTimestamp("2026-11-26T10:13:00Z")
                .endMetadata().withNewStatus().withPhase("Pending").endStatus().build();
        assertThat(PodState.of(pending)).isEqualTo(new PodState("p", false, Instant.parse("2026-11-26T10:13:00Z"), 0));

        Pod bare = new PodBuilder().withNewMetadata().withName("p").endMetadata().build();
        assertThat(PodState.of(bare)).isEqualTo(new PodState("p", false, null, 0));
        assertThat(PodState.of(pod("False", "yesterday").build()).notReadySince()).as("a time it cannot read").isNull();
    }

    @Test
    void aPodBeingDeletedIsTerminating() {
        assertThat(PodState.terminating(pod("True", null).build())).isFalse();
        assertThat(PodState.terminating(pod("True", null).editMetadata()
                .withDeletionTimestamp("2026-11-26T10:15:00Z").endMetadata().build())).isTrue();
    }

    private static PodBuilder pod(String ready, String lastTransition) {
        return new PodBuilder().withNewMetadata().withName("checkout-green-a").endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready)
                .withLastTransitionTime(lastTransition).endCondition().endStatus();
    }
}
