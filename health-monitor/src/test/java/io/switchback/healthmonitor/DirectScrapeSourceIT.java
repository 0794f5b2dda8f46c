package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.cluster.ClusterProperties;
import io.switchback.cluster.ClusterRetry;
import io.switchback.events.Color;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import io.switchback.testkit.MockKubernetes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The direct scrape against the mock API server and real HTTP servers playing pods. */
@MockKubernetes
class DirectScrapeSourceIT {

    @Test
    void readsTheReadyPodsOfTheLiveColourAndTreatsSilenceAsMissingData(MockApiServer server, KubernetesClient client)
            throws IOException {
        try (FakePod healthy = new FakePod(100, 0.05); FakePod failingHealth = new FakePod(100, 0);
                FakePod otherColour = new FakePod(100, 0); FakePod notReady = new FakePod(100, 0);
                ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            failingHealth.healthStatus = 503;
            failingHealth.breakerOpen = true;
            LiveReleases.pod(client, "checkout-green-a", "checkout", Color.GREEN, healthy.port(), true);
            LiveReleases.pod(client, "checkout-green-b", "checkout", Color.GREEN, failingHealth.port(), true);
            LiveReleases.pod(client, "checkout-green-c", "checkout", Color.GREEN, notReady.port(), false);
            LiveReleases.pod(client, "checkout-green-d", "checkout", Color.GREEN, silent.getLocalPort(), true);
            LiveReleases.pod(client, "checkout-blue-a", "checkout", Color.BLUE, otherColour.port(), true);
            DirectScrapeSource source = new DirectScrapeSource(server.client(Identities.HEALTH_MONITOR), ClusterRetry.standard(), cluster(), health());
            WatchedRelease release = new WatchedRelease("checkout-staging-2", "checkout", Color.GREEN, "r/checkout:2",
                    Instant.now(), Instant.now().plusSeconds(900));

            Instant before = Instant.now();
            ReleaseSnapshot snapshot = source.snapshot(release);

            assertThat(Duration.between(before, Instant.now())).as("a silent pod costs at most the timeouts")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(snapshot.pods()).containsOnlyKeys("checkout-green-a", "checkout-green-b", "checkout-green-d");
            PodSample a = snapshot.pods().get("checkout-green-a");
            assertThat(a.healthy()).isTrue();
            assertThat(a.metrics().requests()).isPositive();
            assertThat(a.metrics().openBreakers()).isZero();
            assertThat(a.metrics().buckets()).containsKey(Double.POSITIVE_INFINITY);
            PodSample b = snapshot.pods().get("checkout-green-b");
            assertThat(b.healthy()).isFalse();
            assertThat(b.metrics().openBreakers()).isEqualTo(1);
            PodSample d = snapshot.pods().get("checkout-green-d");
            assertThat(d.scraped()).isFalse();
            assertThat(d.probed()).isFalse();
            assertThat(source.kind()).isEqualTo(io.switchback.events.MetricSource.DIRECT_SCRAPE);
            assertThat(healthy.scrapes()).isEqualTo(1);
            assertThat(otherColour.scrapes()).isZero();
            assertThat(notReady.scrapes()).isZero();
        }
    }

    static ClusterProperties cluster() {
        return new ClusterProperties("staging", new ClusterProperties.Kubernetes(LiveReleases.NAMESPACE, null, null));
    }

    static HealthProperties health() {
        return new HealthProperties(Duration.ofSeconds(1), Duration.ofSeconds(10), 2, 50,
                new HealthProperties.ErrorRate(true, 0.01, 2.326), new HealthProperties.Latency(true, Duration.ofMillis(500)),
                new HealthProperties.Toggle(true), new HealthProperties.Toggle(true),
                new HealthProperties.Scrape(Duration.ofMillis(300), Duration.ofMillis(300)), Map.of());
    }
}
