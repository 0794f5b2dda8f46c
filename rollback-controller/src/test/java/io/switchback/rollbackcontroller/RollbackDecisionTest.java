package io.switchback.rollbackcontroller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.Color;
import io.switchback.events.HealthBreached;
import io.switchback.events.HealthCheck;
import io.switchback.events.MetricSource;
import io.switchback.events.RollbackRequested;
import io.switchback.events.RollbackTrigger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollbackDecisionTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final ReleaseRecord GREEN_LIVE = new ReleaseRecord("dep-2", Color.GREEN, "r/checkout:1.5.0", Color.BLUE,
            "r/checkout:1.4.0", "dep-1", T0.plusSeconds(900), T0, null);

    @Test
    void aBreachOfTheLiveReleaseRollsBackToThePreviousColour() {
        RollbackDecision decision = RollbackDecision.decide(RollbackRequest.of(breach("dep-2")), service(GREEN_LIVE));

        assertThat(decision).isInstanceOfSatisfying(RollbackDecision.Rollback.class, rollback -> {
            assertThat(rollback.from()).isEqualTo(Color.GREEN);
            assertThat(rollback.to()).isEqualTo(Color.BLUE);
            assertThat(rollback.restored(T0.plusSeconds(30))).isEqualTo(new ReleaseRecord("dep-1", Color.BLUE,
                    "r/checkout:1.4.0", Color.GREEN, "r/checkout:1.5.0", "dep-2", null, T0.plusSeconds(30), "dep-2"));
        });
    }

    @Test
    void aManualRequestRollsBackWhateverIsLive() {
        RollbackRequested request = new RollbackRequested("req-1", T0, "staging", "checkout", "payments failing", "octocat", null);
        RollbackRequest manual = RollbackRequest.of(request);
        assertThat(manual.cause().trigger()).isEqualTo(RollbackTrigger.MANUAL);
        assertThat(manual.cause().summary()).isEqualTo("requested by octocat: payments failing");
        assertThat(manual.faultOnsetAt()).isNull();
        assertThat(RollbackDecision.decide(manual, service(GREEN_LIVE))).isInstanceOf(RollbackDecision.Rollback.class);
    }

    @Test
    void staleDuplicateAndImpossibleRequestsAreSkippedWithTheReason() {
        RollbackRequest breach = RollbackRequest.of(breach("dep-2"));
        assertSkip(RollbackDecision.decide(breach, null), "no Service checkout", null);
        Service noColour = new ServiceBuilder(service(GREEN_LIVE)).editSpec().withSelector(Map.of("app", "checkout"))
                .endSpec().build();
        assertSkip(RollbackDecision.decide(breach, noColour), "selects no blue or green colour", null);
        ReleaseRecord newer = new ReleaseRecord("dep-3", Color.BLUE, "r/checkout:1.6.0", Color.GREEN,
                "r/checkout:1.5.0", "dep-2", null, T0, null);
        assertSkip(RollbackDecision.decide(breach, service(newer)), "deployment dep-2 is no longer live", "dep-3");
        ReleaseRecord rolledBack = new ReleaseRecord("dep-1", Color.BLUE, "r/checkout:1.4.0", Color.GREEN,
                "r/checkout:1.5.0", "dep-2", null, T0, "dep-2");
        assertSkip(RollbackDecision.decide(breach, service(rolledBack)), "no longer live (already rolled back)", "dep-1");
        ReleaseRecord first = new ReleaseRecord("dep-2", Color.GREEN, "r/checkout:1.5.0", null, null, null, null, T0, null);
        assertSkip(RollbackDecision.decide(breach, service(first)), "nothing to roll back to", "dep-2");
        ReleaseRecord noImage = new ReleaseRecord("dep-2", Color.GREEN, "r/checkout:1.5.0", Color.BLUE, null, null, null, T0, null);
        assertSkip(RollbackDecision.decide(breach, service(noImage)), "nothing to roll back to", "dep-2");
    }

    @Test
    void theCauseSummarisesTheEvidence() {
        RollbackRequest request = RollbackRequest.of(breach("dep-2"));
        assertThat(request.cause().summary()).isEqualTo("error-rate 5.20% ratio (threshold 1.00%) over 10000 ms, 1040 samples");
        assertThat(request.cause().check()).isEqualTo(HealthCheck.ERROR_RATE);
        assertThat(request.faultOnsetAt()).isEqualTo(T0.plusSeconds(2));
        HealthBreached slow = new HealthBreached("b-2", T0, "staging", "checkout", "dep-2", Color.GREEN, "r/c:1",
                HealthCheck.P95_LATENCY, 812, 500, "ms", 10_000, 900, 50, 2, T0, MetricSource.DIRECT_SCRAPE, null);
        assertThat(RollbackRequest.of(slow).cause().summary()).startsWith("p95-latency 812 ms (threshold 500)");
    }

    static HealthBreached breach(String deploymentId) {
        return new HealthBreached("b-" + deploymentId, T0.plusSeconds(5), "staging", "checkout", deploymentId,
                Color.GREEN, "r/checkout:1.5.0", HealthCheck.ERROR_RATE, 0.052, 0.01, "ratio", 10_000, 1_040, 50, 2,
                T0.plusSeconds(2), MetricSource.DIRECT_SCRAPE, null);
    }

    static Service service(ReleaseRecord record) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ReleaseRecord.MANAGED, "true");
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

    private static void assertSkip(RollbackDecision decision, String reason, String live) {
        assertThat(decision).isInstanceOfSatisfying(RollbackDecision.Skip.class, skip -> {
            assertThat(skip.reason()).contains(reason);
            assertThat(skip.liveDeploymentId()).isEqualTo(live);
        });
    }
}
