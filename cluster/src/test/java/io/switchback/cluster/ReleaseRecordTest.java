package io.switchback.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.switchback.events.BuildOrder;
import io.switchback.events.Color;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.RollbackCause;
import io.switchback.events.RollbackStarted;
import io.switchback.events.RollbackTrigger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseRecordTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void aTeamsOwnFirstReleaseHasOnlyItsColour() {
        ReleaseRecord record = ReleaseRecord.of(service("blue", Map.of(BlueGreen.MANAGED, "true"))).orElseThrow();

        assertThat(record.liveColor()).isEqualTo(Color.BLUE);
        assertThat(record.deploymentId()).isNull();
        assertThat(record.phase()).isNull();
        assertThat(record.outbox()).isEmpty();
        assertThat(ReleaseRecord.of(service("purple", Map.of()))).as("no blue or green selected").isEmpty();
    }

    @Test
    void everyPartSurvivesTheAnnotations() {
        Rollout rollout = new Rollout("checkout-staging-2", "r/checkout:1.6.0", "7f3a9c1", "build-2",
                new BuildOrder(42, 2), Color.BLUE, T0, T0.plusSeconds(120), "retry-1");
        RollbackCause cause = new RollbackCause(RollbackTrigger.MANUAL, "cmd-1", null, null, null, "asked");
        RollbackClaim claim = new RollbackClaim("rb-cmd-1", "checkout-staging-1", Color.GREEN, Color.BLUE, cause, null,
                T0, T0.plusSeconds(1));
        DeploymentStarted started = new DeploymentStarted("e-1", T0, "staging", "checkout", "checkout-staging-2",
                "r/checkout:1.6.0", "7f3a9c1", "build-2", Color.BLUE, Color.GREEN, "r/checkout:1.5.0", null, null, null);
        Rollout approved = new Rollout("checkout-staging-1", "r/checkout:1.5.0", "5d2e8a0", "build-1",
                new BuildOrder(41, 1), Color.GREEN, T0, T0.plusSeconds(120), null,
                new Rollout.Approval("approve-1", "release-manager"));
        Rollout candidate = new Rollout("checkout-staging-3", "r/checkout:1.7.0", "9a8b7c6", "build-3",
                new BuildOrder(43, 1), Color.BLUE, T0, null, null);
        RollbackStarted rollbackStarted = new RollbackStarted("e-2", T0, "staging", "checkout", "checkout-staging-1",
                "rb-cmd-1", cause, Color.GREEN, Color.BLUE);
        ReleaseRecord record = ReleaseRecord.of(service("green", Map.of())).orElseThrow().toBuilder()
                .live("checkout-staging-1", Color.GREEN, "r/checkout:1.5.0", T0, Phase.SOAKING, T0.plusSeconds(900))
                .previous(Color.BLUE, "r/checkout:1.4.0", null)
                .buildOrder(new BuildOrder(42, 2)).rollout(rollout).rollback(claim)
                .lock(new RecordLock(RecordLock.ROLLBACK_CONTROLLER, T0.plusSeconds(70))).lastFailed(rollout)
                .liveRollout(approved).pending(candidate).leadSwitched("checkout-staging-1")
                .leadRolledBack("checkout-staging-0")
                .publish(started, rollbackStarted).build();

        ReleaseRecord read = ReleaseRecord.of(service("green", record.annotations())).orElseThrow();

        assertThat(read).isEqualTo(record);
        assertThat(read.outbox()).containsExactly(started, rollbackStarted);
        assertThat(read.liveRelease()).as("the live release's own rollout").contains(approved);
        assertThat(read.toBuilder().live("checkout-staging-0", Color.BLUE, "r/checkout:1.4.0", T0, Phase.ROLLED_BACK,
                null).build().liveRelease()).as("after a rollback it describes another release").isEmpty();
        assertThat(read.lockedAgainst(RecordLock.DEPLOYER, T0)).isTrue();
        assertThat(read.lockedAgainst(RecordLock.ROLLBACK_CONTROLLER, T0)).as("its own lock").isFalse();
        assertThat(read.lockedAgainst(RecordLock.DEPLOYER, T0.plusSeconds(70))).as("expired").isFalse();
    }

    @Test
    void absentPartsAreWrittenAsRemovals() {
        Map<String, String> annotations = ReleaseRecord.of(service("blue", Map.of())).orElseThrow().annotations();

        assertThat(annotations).containsEntry(ReleaseRecord.LIVE_COLOR, "blue")
                .containsEntry(ReleaseRecord.OUTBOX, null).containsEntry(ReleaseRecord.ROLLOUT, null)
                .containsEntry(ReleaseRecord.LOCK, null).containsEntry(BlueGreen.DEPLOYMENT_ID, null);
    }

    @Test
    void aRecordWrittenBeforePhasesGetsTheOneItMeant() {
        assertThat(phaseOf(Map.of(BlueGreen.DEPLOYMENT_ID, "d-1", ReleaseRecord.ROLLBACK_WINDOW_ENDS, T0.toString())))
                .isEqualTo(Phase.SOAKING);
        assertThat(phaseOf(Map.of(BlueGreen.DEPLOYMENT_ID, "d-1", ReleaseRecord.ROLLED_BACK, "d-2")))
                .isEqualTo(Phase.ROLLED_BACK);
        assertThat(phaseOf(Map.of(BlueGreen.DEPLOYMENT_ID, "d-1"))).isEqualTo(Phase.STABLE);
        assertThat(phaseOf(Map.of(BlueGreen.DEPLOYMENT_ID, "d-1", ReleaseRecord.PHASE, "stable",
                ReleaseRecord.ROLLBACK_WINDOW_ENDS, T0.toString()))).as("recorded wins").isEqualTo(Phase.STABLE);
    }

    @Test
    void valuesAPersonMangledReadAsAbsent() {
        Map<String, String> mangled = new HashMap<>();
        mangled.put(ReleaseRecord.ROLLOUT, "{not json");
        mangled.put(ReleaseRecord.OUTBOX, "[{\"type\":\"io.switchback.nope.v1\",\"data\":{}}]");
        mangled.put(ReleaseRecord.BUILD_ORDER, "yesterday");
        mangled.put(ReleaseRecord.SWITCHED_AT, "noon");
        mangled.put(ReleaseRecord.PREVIOUS_COLOR, "purple");

        ReleaseRecord read = ReleaseRecord.of(service("blue", mangled)).orElseThrow();

        assertThat(read.rollout()).isNull();
        assertThat(read.outbox()).isEmpty();
        assertThat(read.buildOrder()).isNull();
        assertThat(read.switchedAt()).isNull();
        assertThat(read.previousColor()).isNull();
    }

    private static Phase phaseOf(Map<String, String> annotations) {
        return ReleaseRecord.of(service("blue", annotations)).orElseThrow().phase();
    }

    static Service service(String color, Map<String, String> annotations) {
        Map<String, String> withoutNulls = new HashMap<>();
        annotations.forEach((k, v) -> {
            if (v != null) {
                withoutNulls.put(k, v);
            }
        });
        return new ServiceBuilder().withNewMetadata().withName("checkout").withAnnotations(withoutNulls).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "checkout", "color", color)).endSpec().build();
    }
}
