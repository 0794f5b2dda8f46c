package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.switchback.cluster.Phase;
import io.switchback.events.Color;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import io.switchback.testkit.MockKubernetes;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@MockKubernetes
class LiveServicesIT {

    private final KubernetesClient client;
    private final KubernetesClient monitor;

    LiveServicesIT(MockApiServer server, KubernetesClient client) {
        this.client = client;
        this.monitor = server.client(Identities.HEALTH_MONITOR);
    }
    final WatchedRelease release = new WatchedRelease("checkout-staging-2", "checkout", Color.GREEN, "r/checkout:2",
            Instant.now(), Instant.now().plusSeconds(900));

    @Test
    void followsTheServiceThroughTheInformer() {
        LiveReleases.liveService(client, "checkout", Color.GREEN, "checkout-staging-2");
        LiveServices live = new LiveServices(monitor, HealthFixtures.cluster());
        live.start();
        try {
            await("synced").atMost(Duration.ofSeconds(10)).until(() -> live.whyNotLive(release).isEmpty() && synced(live));

            client.services().inNamespace(LiveReleases.NAMESPACE).withName("checkout").edit(s -> {
                s.getMetadata().getAnnotations().put("switchback.io/deployment-id", "checkout-staging-3");
                return s;
            });

            await("superseded").atMost(Duration.ofSeconds(10)).until(() -> live.whyNotLive(release)
                    .filter(why -> why.contains("now serves deployment checkout-staging-3")).isPresent());
        } finally {
            live.stop();
        }
        assertThat(live.isRunning()).isFalse();
    }

    @Test
    void findsTheSoakingReleasesSoARestartedMonitorResumesThem() {
        client.services().inNamespace(LiveReleases.NAMESPACE)
                .resource(WatchedReleaseTest.recorded(WatchedReleaseTest.record("checkout-staging-2", Phase.SOAKING)))
                .create();
        client.services().inNamespace(LiveReleases.NAMESPACE).resource(new ServiceBuilder(
                WatchedReleaseTest.recorded(WatchedReleaseTest.record("cart-staging-3", Phase.STABLE)))
                .editMetadata().withName("cart").endMetadata().build()).create();
        LiveServices live = new LiveServices(monitor, HealthFixtures.cluster());
        assertThat(live.soaking()).as("nothing known before the informer runs").isEmpty();
        assertThat(live.known()).isFalse();
        live.start();
        try {
            await("listed").atMost(Duration.ofSeconds(10)).until(live::known);
            assertThat(live.soaking()).extracting(WatchedRelease::deploymentId).containsExactly("checkout-staging-2");
        } finally {
            live.stop();
        }
    }

    @Test
    void startsWithoutAnApiServerAndDropsNothingWhileItKnowsNothing() {
        try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("https://127.0.0.1:1").withRequestTimeout(200).withConnectionTimeout(200).build()).build()) {
            LiveServices live = new LiveServices(unreachable, HealthFixtures.cluster());
            live.start();

            assertThat(live.isRunning()).isTrue();
            assertThat(live.whyNotLive(release)).isEmpty();
            live.stop();
            live.stop();
        }
    }

    private static boolean synced(LiveServices live) {
        // a Service we never created is reported gone only once the informer has listed the namespace
        return live.whyNotLive(new WatchedRelease("x-1", "absent", Color.BLUE, "r/x:1", Instant.now(), Instant.now()))
                .isPresent();
    }
}
