package io.switchback.rollbackcontroller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.switchback.cluster.BlueGreen;
import io.switchback.cluster.Phase;
import io.switchback.cluster.RecordLock;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.RollbackClaim;
import io.switchback.cluster.Rollout;
import io.switchback.events.BuildOrder;
import io.switchback.events.Color;
import io.switchback.events.HealthBreached;
import io.switchback.events.HealthCheck;
import io.switchback.events.MetricSource;
import io.switchback.events.RollbackRequested;
import io.switchback.events.RollbackTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollbackDecisionTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant NOW = T0.plusSeconds(6);
    private static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final String ME = "rollback-controller/me";
    static final ReleaseRecord GREEN_LIVE = greenLive(Phase.SOAKING);
    private static final Deployment BLUE_WARM = ready(deployment("blue", "r/checkout:1.4.0", "dep-1", 2));

    @Test
    void aBreachOfTheLiveReleaseSwitchesStraightBackToAWarmPreviousColour() {
        RollbackDecision decision = decide(RollbackRequest.of(breach("dep-2")), service(GREEN_LIVE), BLUE_WARM);

        assertThat(decision).isInstanceOfSatisfying(RollbackDecision.Rollback.class, rollback -> {
            assertThat(rollback.prepare()).isFalse();
            assertThat(rollback.from()).isEqualTo(Color.GREEN);
            assertThat(rollback.to()).isEqualTo(Color.BLUE);
            ReleaseRecord restored = rollback.restored(T0.plusSeconds(30));
            assertThat(restored.deploymentId()).isEqualTo("dep-1");
            assertThat(restored.liveColor()).isEqualTo(Color.BLUE);
            assertThat(restored.liveImage()).isEqualTo("r/checkout:1.4.0");
            assertThat(restored.phase()).isEqualTo(Phase.ROLLED_BACK);
            assertThat(restored.previousDeploymentId()).isEqualTo("dep-2");
            assertThat(restored.rolledBackDeploymentId()).isEqualTo("dep-2");
            assertThat(restored.switchedAt()).isEqualTo(T0.plusSeconds(30));
        });
    }

    @Test
    void aPreviousColourNotReadyToTakeTrafficIsPreparedFirst() {
        Deployment scaledDown = deployment("blue", "r/checkout:1.4.0", "dep-1", 0);
        Deployment takenByARollout = ready(deployment("blue", "r/checkout:1.6.0", "dep-3", 2));
        Deployment starting = deployment("blue", "r/checkout:1.4.0", "dep-1", 2);

        for (Deployment target : new Deployment[] {scaledDown, takenByARollout, starting, null}) {
            assertThat(decide(RollbackRequest.of(breach("dep-2")), service(GREEN_LIVE), target))
                    .isInstanceOfSatisfying(RollbackDecision.Rollback.class, r -> assertThat(r.prepare()).isTrue());
        }
        ReleaseRecord rolloutRecordedNotApplied = GREEN_LIVE.toBuilder().rollout(new Rollout("dep-3", "r/checkout:1.6.0",
                "abcdef1", "b-3", new BuildOrder(3, 1), Color.BLUE, T0, T0.plusSeconds(120), null)).build();
        assertThat(decide(RollbackRequest.of(breach("dep-2")), service(rolloutRecordedNotApplied), BLUE_WARM))
                .as("the switch cancels it").isInstanceOfSatisfying(RollbackDecision.Rollback.class,
                        r -> assertThat(r.prepare()).isFalse());
    }

    @Test
    void aRedeliveredRequestResumesItsOwnClaimAndAnotherIsSkipped() {
        RollbackRequest request = RollbackRequest.of(breach("dep-2"));
        ReleaseRecord claimed = GREEN_LIVE.toBuilder().rollback(new RollbackClaim(request.rollbackId(), "dep-2",
                Color.GREEN, Color.BLUE, request.cause(), null, NOW, NOW)).build();

        assertThat(decide(request, service(claimed), null)).isInstanceOfSatisfying(RollbackDecision.Rollback.class,
                r -> assertThat(r.resume()).isTrue());
        assertSkip(decide(RollbackRequest.of(manual(null)), service(claimed), null),
                "rollback " + request.rollbackId() + " is already in progress", "dep-2");
    }

    @Test
    void aDeployerHoldingTheLockMakesItWaitAMoment() {
        ReleaseRecord locked = GREEN_LIVE.toBuilder().lock(new RecordLock("deployer/x", NOW.plusSeconds(1))).build();

        assertThat(decide(RollbackRequest.of(breach("dep-2")), service(locked), BLUE_WARM))
                .isInstanceOf(RollbackDecision.Wait.class);
    }

    @Test
    void aManualRequestRollsBackWhateverIsLiveOrTheReleaseItNames() {
        RollbackRequest manual = RollbackRequest.of(manual(null));
        assertThat(manual.cause().trigger()).isEqualTo(RollbackTrigger.MANUAL);
        assertThat(manual.cause().summary()).isEqualTo("requested by octocat: payments failing");
        assertThat(manual.faultOnsetAt()).isNull();
        assertThat(decide(manual, service(GREEN_LIVE), BLUE_WARM)).isInstanceOf(RollbackDecision.Rollback.class);
        assertThat(decide(RollbackRequest.of(manual("dep-2")), service(GREEN_LIVE), BLUE_WARM))
                .isInstanceOf(RollbackDecision.Rollback.class);
        assertSkip(decide(RollbackRequest.of(manual("dep-7")), service(GREEN_LIVE), BLUE_WARM),
                "deployment dep-7 is no longer live", "dep-2");
    }

    @Test
    void aReleaseThatWasRolledBackIsNeverRestored() {
        ReleaseRecord afterRollback = GREEN_LIVE.toBuilder()
                .live("dep-1", Color.BLUE, "r/checkout:1.4.0", T0, Phase.ROLLED_BACK, null)
                .previous(Color.GREEN, "r/checkout:1.5.0", "dep-2").rolledBack("dep-2").build();
        Deployment greenWarm = ready(deployment("green", "r/checkout:1.5.0", "dep-2", 2));

        assertSkip(decide(RollbackRequest.of(manual(null)), service(afterRollback), greenWarm),
                "its predecessor dep-2 was rolled back and is never restored", "dep-1");
        assertSkip(decide(RollbackRequest.of(breach("dep-2")), service(afterRollback), greenWarm),
                "no longer live (already rolled back)", "dep-1");
    }

    @Test
    void staleAndImpossibleRequestsAreSkippedWithTheReason() {
        RollbackRequest breach = RollbackRequest.of(breach("dep-2"));
        assertSkip(decide(breach, null, null), "no Service checkout", null);
        Service noColour = new ServiceBuilder(service(GREEN_LIVE)).editSpec().withSelector(Map.of("app", "checkout"))
                .endSpec().build();
        assertSkip(decide(breach, noColour, null), "selects no blue or green colour", null);
        ReleaseRecord teams = ReleaseRecord.of(service(GREEN_LIVE)).orElseThrow().toBuilder()
                .live(null, Color.GREEN, null, null, null, null).previous(null, null, null).build();
        assertSkip(decide(RollbackRequest.of(manual(null)), service(teams), null), "was not deployed by Switchback", null);
        ReleaseRecord first = GREEN_LIVE.toBuilder().previous(null, null, null).build();
        assertSkip(decide(breach, service(first), null), "nothing to roll back to", "dep-2");
        assertSkip(RollbackDecision.decide(breach, service(GREEN_LIVE), BLUE_WARM, breach.detectedAt().plusSeconds(301),
                MAX_AGE, ME), "older than the 300 s it may wait", null);
    }

    @Test
    void theCauseSummarisesTheEvidence() {
        RollbackRequest request = RollbackRequest.of(breach("dep-2"));
        assertThat(request.cause().summary()).isEqualTo("error-rate 5.20% ratio (threshold 1.00%) over 10000 ms, 1040 samples");
        assertThat(request.cause().check()).isEqualTo(HealthCheck.ERROR_RATE);
        assertThat(request.faultOnsetAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(request.rollbackId()).isEqualTo("rb-b-dep-2");
        HealthBreached pods = new HealthBreached("b-2", T0, "staging", "checkout", "dep-2", Color.GREEN, "r/c:1",
                HealthCheck.HEALTH_ENDPOINT, 2, 0, "count", 10_000, 2, 1, 2, T0, MetricSource.DIRECT_SCRAPE,
                "2 of 2 pods not ready for 6 s");
        assertThat(RollbackRequest.of(pods).cause().summary()).endsWith(": 2 of 2 pods not ready for 6 s");
    }

    private static RollbackDecision decide(RollbackRequest request, Service service, Deployment target) {
        return RollbackDecision.decide(request, service, target, NOW, MAX_AGE, ME);
    }

    static ReleaseRecord greenLive(Phase phase) {
        return ReleaseRecord.of(new ServiceBuilder().withNewMetadata().withName("checkout").endMetadata().withNewSpec()
                .withSelector(Map.of("color", "green")).endSpec().build()).orElseThrow().toBuilder()
                .live("dep-2", Color.GREEN, "r/checkout:1.5.0", T0, phase, T0.plusSeconds(900))
                .previous(Color.BLUE, "r/checkout:1.4.0", "dep-1").build();
    }

    static HealthBreached breach(String deploymentId) {
        return new HealthBreached("b-" + deploymentId, T0.plusSeconds(5), "staging", "checkout", deploymentId,
                Color.GREEN, "r/checkout:1.5.0", HealthCheck.ERROR_RATE, 0.052, 0.01, "ratio", 10_000, 1_040, 50, 2,
                T0.plusSeconds(2), MetricSource.DIRECT_SCRAPE, null);
    }

    private static RollbackRequested manual(String deploymentId) {
        return new RollbackRequested("req-" + deploymentId, T0.plusSeconds(5), "staging", "checkout",
                "payments failing", "octocat", deploymentId);
    }

    static Service service(ReleaseRecord record) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(BlueGreen.MANAGED, "true");
        record.annotations().forEach((k, v) -> {
            if (v != null) {
                annotations.put(k, v);
            }
        });
        return new ServiceBuilder().withNewMetadata().withName("checkout").withNamespace("default")
                .withAnnotations(annotations).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "checkout", "color", record.liveColor().wire())).endSpec()
                .build();
    }

    static Deployment deployment(String color, String image, String deploymentId, int replicas) {
        Map<String, String> labels = Map.of("app", "checkout", "color", color);
        return new DeploymentBuilder()
                .withNewMetadata().withName("checkout-" + color).withLabels(labels)
                    .withAnnotations(deploymentId == null ? Map.of() : Map.of(BlueGreen.DEPLOYMENT_ID, deploymentId))
                .endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                        .withNewSpec().addNewContainer().withName("checkout").withImage(image).endContainer().endSpec()
                    .endTemplate()
                .endSpec().build();
    }

    static Deployment ready(Deployment deployment) {
        int replicas = BlueGreen.replicasOf(deployment);
        return new DeploymentBuilder(deployment).editMetadata().withGeneration(1L).endMetadata().withNewStatus()
                .withObservedGeneration(1L).withReplicas(replicas).withUpdatedReplicas(replicas)
                .withReadyReplicas(replicas).withAvailableReplicas(replicas).endStatus().build();
    }

    private static void assertSkip(RollbackDecision decision, String reason, String live) {
        assertThat(decision).isInstanceOfSatisfying(RollbackDecision.Skip.class, skip -> {
            assertThat(skip.reason()).contains(reason);
            assertThat(skip.liveDeploymentId()).isEqualTo(live);
        });
    }
}
