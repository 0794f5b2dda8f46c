package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.switchback.cluster.Phase;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.Rollout;
import io.switchback.events.BuildOrder;
import io.switchback.events.Color;
import io.switchback.events.DeploymentTrafficSwitched;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchedReleaseTest {

    static final Instant SWITCHED = Instant.parse("2026-11-26T10:15:00Z");
    final WatchedRelease release = new WatchedRelease("checkout-staging-2", "checkout", Color.GREEN, "r/checkout:2",
            SWITCHED, SWITCHED.plusSeconds(900));

    @Test
    void comesFromTheTrafficSwitchedEvent() {
        DeploymentTrafficSwitched event = new DeploymentTrafficSwitched("e1", SWITCHED, "staging", "checkout",
                "checkout-staging-2", Color.GREEN, "r/checkout:2", Color.BLUE, "r/checkout:1", SWITCHED.plusSeconds(900),
                null);

        assertThat(WatchedRelease.of(event)).isEqualTo(release);
    }

    @Test
    void isServedWhileTheServiceRecordsItsDeployment() {
        assertThat(release.notServedBy(service("green", "checkout-staging-2"))).isEmpty();
    }

    @Test
    void isNotServedOnceRolledBackSupersededOrGone() {
        assertThat(release.notServedBy(service("blue", "checkout-staging-1")))
                .hasValue("the Service checkout now serves deployment checkout-staging-1 (rolled back or superseded)");
        assertThat(release.notServedBy(service(null, "checkout-staging-2")))
                .hasValue("the Service checkout selects no colour");
        assertThat(release.notServedBy(null)).hasValue("the Service checkout is gone");
    }

    @Test
    void isNotWatchedOnceItsSoakEndedOrItWasRolledBack() {
        assertThat(release.notServedBy(recorded(record("checkout-staging-2", Phase.STABLE))))
                .hasValue("the Service checkout records deployment checkout-staging-2 as stable");
        assertThat(release.notServedBy(recorded(record("checkout-staging-2", Phase.ROLLED_BACK))))
                .hasValue("the Service checkout records deployment checkout-staging-2 as rolled-back");
        assertThat(release.notServedBy(recorded(record("checkout-staging-2", Phase.SOAKING)))).isEmpty();
    }

    @Test
    void isResumedFromASoakingRecordOnly() {
        assertThat(WatchedRelease.judgedOn(recorded(record("checkout-staging-2", Phase.SOAKING)))).contains(release);
        assertThat(WatchedRelease.judgedOn(recorded(record("checkout-staging-2", Phase.STABLE)))).isEmpty();
        assertThat(WatchedRelease.judgedOn(recorded(record("checkout-staging-2", Phase.ROLLED_BACK)))).isEmpty();
        assertThat(WatchedRelease.judgedOn(recorded(record(null, null)))).as("the team's own first release").isEmpty();
        assertThat(WatchedRelease.judgedOn(recorded(record("checkout-staging-2", Phase.SOAKING).toBuilder()
                .live("checkout-staging-2", Color.GREEN, null, SWITCHED, Phase.SOAKING, null).build())))
                .as("no image to name in verdicts").isEmpty();
        assertThat(WatchedRelease.judgedOn(recorded(record("checkout-staging-2", Phase.SOAKING).toBuilder()
                .live("checkout-staging-2", Color.GREEN, "r/checkout:2", null, Phase.SOAKING, null).build())))
                .as("the phase decides, not the window").contains(new WatchedRelease("checkout-staging-2", "checkout",
                        Color.GREEN, "r/checkout:2", null, null));
        assertThat(WatchedRelease.judgedOn(service(null, "checkout-staging-2"))).isEmpty();
    }

    @Test
    void aCanaryIsJudgedWhileItsRolloutRunsItAndNotOnceItFailedOrTookTheTraffic() {
        Rollout canary = new Rollout("checkout-staging-3", "r/checkout:3", "7f3a9c1", "b-3", new BuildOrder(3, 1),
                Color.BLUE, SWITCHED, SWITCHED.plusSeconds(120), null).withCanary(SWITCHED.plusSeconds(30),
                SWITCHED.plusSeconds(330));
        ReleaseRecord stable = record("checkout-staging-2", Phase.STABLE);
        WatchedRelease judged = new WatchedRelease("checkout-staging-3", "checkout", Color.BLUE, "r/checkout:3",
                SWITCHED.plusSeconds(30), SWITCHED.plusSeconds(330), true);

        assertThat(WatchedRelease.judgedOn(recorded(stable.toBuilder().rollout(canary).build())))
                .containsExactly(judged);
        assertThat(WatchedRelease.judgedOn(recorded(record("checkout-staging-2", Phase.SOAKING).toBuilder()
                .rollout(canary).build()))).as("beside the live release's soak").containsExactly(release, judged);
        assertThat(judged.notServedBy(recorded(stable.toBuilder().rollout(canary).build()))).isEmpty();
        assertThat(judged.notServedBy(recorded(stable.toBuilder().lastFailed(canary).build())))
                .hasValueSatisfying(why -> assertThat(why).contains("runs no canary of deployment checkout-staging-3"));
    }

    /** The record of a release live on green since {@link #SWITCHED}, replacing one on blue. */
    static ReleaseRecord record(String deploymentId, Phase phase) {
        return new ReleaseRecord(deploymentId, Color.GREEN, deploymentId == null ? null : "r/checkout:2", SWITCHED,
                phase, SWITCHED.plusSeconds(900), Color.BLUE, "r/checkout:1", "checkout-staging-1", null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    static Service recorded(ReleaseRecord record) {
        Map<String, String> annotations = new java.util.HashMap<>();
        annotations.put("switchback.io/managed", "true");
        record.annotations().forEach((k, v) -> {
            if (v != null) {
                annotations.put(k, v);
            }
        });
        return new ServiceBuilder().withNewMetadata().withName("checkout").withAnnotations(annotations).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "checkout", "color", record.liveColor().wire())).endSpec()
                .build();
    }

    static Service service(String color, String deploymentId) {
        Map<String, String> selector = color == null ? Map.of("app", "checkout") : Map.of("app", "checkout", "color", color);
        return new ServiceBuilder().withNewMetadata().withName("checkout")
                .withAnnotations(Map.of("switchback.io/managed", "true", "switchback.io/deployment-id", deploymentId,
                        "switchback.io/phase", "soaking"))
                .endMetadata().withNewSpec().withSelector(selector).endSpec().build();
    }
}
