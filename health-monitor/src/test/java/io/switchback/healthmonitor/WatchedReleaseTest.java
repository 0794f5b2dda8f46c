package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.switchback.cluster.ReleaseRecord;
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
                "checkout-staging-2", Color.GREEN, "r/checkout:2", Color.BLUE, "r/checkout:1", SWITCHED.plusSeconds(900));

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
    void isResumedFromAServiceRecordInsideItsRollbackWindowOnly() {
        ReleaseRecord live = new ReleaseRecord("checkout-staging-2", Color.GREEN, "r/checkout:2", Color.BLUE,
                "r/checkout:1", "checkout-staging-1", SWITCHED.plusSeconds(900), SWITCHED, null);
        assertThat(WatchedRelease.inRollbackWindow(recorded(live))).contains(release);
        ReleaseRecord rolledBack = new ReleaseRecord("checkout-staging-1", Color.BLUE, "r/checkout:1", Color.GREEN,
                "r/checkout:2", "checkout-staging-2", null, SWITCHED, "checkout-staging-2");
        assertThat(WatchedRelease.inRollbackWindow(recorded(rolledBack))).isEmpty();
        assertThat(WatchedRelease.inRollbackWindow(recorded(new ReleaseRecord("checkout-staging-2", Color.GREEN,
                "r/checkout:2", Color.BLUE, "r/checkout:1", null, SWITCHED, SWITCHED, "checkout-staging-0")))).isEmpty();
        assertThat(WatchedRelease.inRollbackWindow(recorded(new ReleaseRecord(null, Color.GREEN, null, null, null,
                null, null, null, null)))).isEmpty();
        assertThat(WatchedRelease.inRollbackWindow(recorded(new ReleaseRecord("d", Color.GREEN, null, null, null,
                null, SWITCHED, SWITCHED, null)))).isEmpty();
        assertThat(WatchedRelease.inRollbackWindow(recorded(new ReleaseRecord("d", Color.GREEN, "i", null, null,
                null, SWITCHED, null, null)))).isEmpty();
        assertThat(WatchedRelease.inRollbackWindow(recorded(new ReleaseRecord("d", Color.GREEN, "i", null, null,
                null, null, SWITCHED, null)))).isEmpty();
        assertThat(WatchedRelease.inRollbackWindow(service(null, "checkout-staging-2"))).isEmpty();
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
                .withAnnotations(Map.of("switchback.io/managed", "true", "switchback.io/deployment-id", deploymentId))
                .endMetadata().withNewSpec().withSelector(selector).endSpec().build();
    }
}
