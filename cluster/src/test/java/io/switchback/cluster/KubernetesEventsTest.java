package io.switchback.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.Color;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentHeld;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentStage;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.RollbackCause;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackFailed;
import io.switchback.events.RollbackTimings;
import io.switchback.events.RollbackTrigger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KubernetesEventsTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final RollbackCause BREACH = new RollbackCause(RollbackTrigger.HEALTH_BREACH, "b-1", null, null, null,
            "error-rate 3.76% > 1.00%");

    @Test
    void everySwitchRollbackFailureAndHoldHasItsReasonAndTheDeploymentConcerned() {
        assertThat(KubernetesEvents.noteOf(new DeploymentTrafficSwitched("e-1", T0, "staging", "checkout", "d-2",
                Color.GREEN, "r/c:1.5.0", Color.BLUE, "r/c:1.4.0", T0.plusSeconds(900), null))).hasValueSatisfying(n -> {
                    assertThat(n.reason()).isEqualTo(KubernetesEvents.Reason.TRAFFIC_SWITCHED);
                    assertThat(n.colour()).isEqualTo(Color.GREEN);
                    assertThat(n.text()).startsWith("traffic blue -> green: r/c:1.5.0 live (d-2)");
                });
        assertThat(KubernetesEvents.noteOf(new RollbackCompleted("e-2", T0, "staging", "checkout", "d-2", "rb-1", BREACH,
                Color.GREEN, Color.BLUE, "r/c:1.4.0", new RollbackTimings(T0, T0, T0, T0)))).hasValueSatisfying(n -> {
                    assertThat(n.reason().reason()).isEqualTo("RolledBack");
                    assertThat(n.colour()).isEqualTo(Color.BLUE);
                    assertThat(n.text()).contains("r/c:1.4.0 restored").contains("error-rate 3.76% > 1.00%");
                });
        assertThat(KubernetesEvents.noteOf(new DeploymentFailed("e-3", T0, "staging", "checkout", "d-3", "r/c:1.6.0",
                DeploymentStage.READINESS, "0 of 2 pods ready", Color.BLUE, null)))
                .hasValueSatisfying(n -> {
                    assertThat(n.reason()).isEqualTo(KubernetesEvents.Reason.ROLLOUT_FAILED);
                    assertThat(n.colour()).as("the colour the rollout went to").isEqualTo(Color.GREEN);
                });
        assertThat(KubernetesEvents.noteOf(new DeploymentHeld("e-4", T0, "production", "checkout", "d-4", "r/c:1.6.0",
                "us-east1", "not reachable", T0.plusSeconds(600)))).hasValueSatisfying(n ->
                assertThat(n.reason()).isEqualTo(KubernetesEvents.Reason.ROLLOUT_HELD));
        assertThat(KubernetesEvents.noteOf(new RollbackFailed("e-5", T0, "staging", "checkout", "d-2", "rb-1", BREACH,
                "blue has 0 ready replicas", Color.GREEN))).hasValueSatisfying(n ->
                assertThat(n.reason()).isEqualTo(KubernetesEvents.Reason.ROLLBACK_FAILED));
        assertThat(KubernetesEvents.noteOf(new DeploymentStable("e-6", T0, "staging", "checkout", "d-2", Color.GREEN,
                "r/c:1", 10, null, null, null, null))).as("not one of the set").isEmpty();
    }

    @Test
    void aNoteIsCutUnderAThousandCharacters() {
        assertThat(KubernetesEvents.cut("x".repeat(5_000))).hasSize(KubernetesEvents.NOTE_LIMIT);
        assertThat(KubernetesEvents.cut("short")).isEqualTo("short");
    }
}
