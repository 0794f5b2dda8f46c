package io.switchback.healthmonitor;

import static io.switchback.healthmonitor.HealthFixtures.trafficSwitched;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.cluster.ClusterProperties;
import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildConclusion;
import io.switchback.events.Color;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentReady;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentStage;
import io.switchback.events.DeploymentSuperseded;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The listener hands deployment events of its environment to the watches, and nothing else. */
class DeploymentListenerTest {

    static final Instant NOW = Instant.parse("2026-11-26T10:15:00Z");
    final ReleaseWatches watches = new ReleaseWatches(HealthFixtures.health());
    final DeploymentListener listener = new DeploymentListener(watches,
            new ClusterProperties("staging", new ClusterProperties.Kubernetes("default", null, null)));

    @Test
    void aTrafficSwitchStartsAWatchThatReplacesTheServicesEarlierOne() {
        listener.on(trafficSwitched("checkout", "checkout-staging-1", NOW));
        listener.on(trafficSwitched("checkout", "checkout-staging-1", NOW));
        listener.on(trafficSwitched("checkout", "checkout-staging-2", NOW));

        assertThat(watches.all()).singleElement()
                .satisfies(w -> assertThat(w.release().deploymentId()).isEqualTo("checkout-staging-2"));
        assertThat(watches.size()).isEqualTo(1);
    }

    @Test
    void stableFailedAndSupersededStopTheirOwnDeploymentsWatchOnly() {
        listener.on(trafficSwitched("checkout", "checkout-staging-2", NOW));
        listener.on(trafficSwitched("search", "search-staging-2", NOW));
        listener.on(trafficSwitched("cart", "cart-staging-2", NOW));
        listener.on(trafficSwitched("orders", "orders-staging-2", NOW));

        listener.on(new DeploymentStable("e1", NOW, "staging", "checkout", "checkout-staging-1", Color.GREEN, "r/c:1",
                1, null, null, null, null));
        assertThat(watches.size()).as("an older deployment's end is not this one's").isEqualTo(4);

        listener.on(new DeploymentStable("e2", NOW, "staging", "checkout", "checkout-staging-2", Color.GREEN, "r/c:2",
                1, null, null, null, null));
        listener.on(new DeploymentFailed("e3", NOW, "staging", "search", "search-staging-2", "r/s:2",
                DeploymentStage.TRAFFIC_SWITCH, "patch refused", Color.BLUE, null));
        listener.on(new DeploymentSuperseded("e4", NOW, "staging", "cart", "cart-staging-2", "r/c:2", "cart-staging-3"));

        assertThat(watches.all()).extracting(w -> w.release().service()).containsExactly("orders");
    }

    @Test
    void otherEnvironmentsAndOtherEventsAreIgnored() {
        listener.on(trafficSwitched("checkout", "checkout-production-2", NOW, Color.GREEN, "production"));
        listener.on(new BuildCompleted("e1", NOW, "checkout", "r/c:2", "7f3a9c1", "main", null, 1L, BuildConclusion.SUCCESS, null));
        listener.on(new DeploymentReady("e2", NOW, "staging", "checkout", "checkout-staging-2", Color.GREEN, "r/c:2", 2, 10));
        assertThat(watches.size()).isZero();

        listener.on(trafficSwitched("checkout", "checkout-staging-2", NOW));
        listener.on(new DeploymentStable("e3", NOW, "production", "checkout", "checkout-staging-2", Color.GREEN, "r/c:2",
                1, null, null, null, null));
        listener.on(new DeploymentReady("e4", NOW, "staging", "checkout", "checkout-staging-2", Color.GREEN, "r/c:2", 2, 10));
        assertThat(watches.size()).isEqualTo(1);
    }
}
