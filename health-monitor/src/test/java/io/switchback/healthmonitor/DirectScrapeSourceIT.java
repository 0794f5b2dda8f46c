package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchback.events.Color;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import io.switchback.testkit.MockKubernetes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The direct scrape against the mock API server and real HTTP servers playing pods. */
@MockKubernetes
class DirectScrapeSourceIT {

    private final MockApiServer server;
    private final KubernetesClient client;
    private ColourObjects colours;

    DirectScrapeSourceIT(MockApiServer server, KubernetesClient client) {
        this.server = server;
        this.client = client;
    }

    @Test
    void readsTheReadyPodsOfTheLiveColourAndTreatsSilenceAsMissingData() throws IOException {
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
            DirectScrapeSource source = source(Clock.systemUTC());
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
            assertThat(snapshot.podStates()).extracting(PodState::name).as("every pod of the colour, ready or not")
                    .containsExactlyInAnyOrder("checkout-green-a", "checkout-green-b", "checkout-green-c",
                            "checkout-green-d");
            assertThat(snapshot.desiredReplicas()).as("no Deployment to ask").isNull();
        }
    }

    @Test
    void saysWhatKubernetesSaysOfEveryPodAndTheDesiredReplicasAtTheClocksTime() {
        Instant now = Instant.parse("2026-11-26T10:15:00Z");
        Instant wentUnready = Instant.parse("2026-11-26T10:14:53Z");
        LiveReleases.deployment(client, "checkout", Color.GREEN, 3);
        LiveReleases.pod(client, "checkout-green-a", "checkout", Color.GREEN, 1, true);
        LiveReleases.pod(client, "checkout-green-b", "checkout", Color.GREEN, 1, true);
        LiveReleases.readiness(client, "checkout-green-b", false, wentUnready);
        LiveReleases.restarted(client, "checkout-green-b", 2);
        WatchedRelease release = new WatchedRelease("checkout-staging-2", "checkout", Color.GREEN, "r/checkout:2",
                now, now.plusSeconds(900));

        ReleaseSnapshot snapshot = source(Clock.fixed(now, ZoneOffset.UTC)).snapshot(release);

        assertThat(snapshot.at()).isEqualTo(now);
        assertThat(snapshot.desiredReplicas()).isEqualTo(3);
        assertThat(snapshot.podStates()).filteredOn(p -> p.name().equals("checkout-green-b")).singleElement()
                .isEqualTo(new PodState("checkout-green-b", false, wentUnready, 2));
        assertThat(snapshot.podStates()).filteredOn(p -> p.name().equals("checkout-green-a")).singleElement()
                .satisfies(a -> assertThat(a.ready()).isTrue());
    }

    @AfterEach
    void stopInformers() {
        if (colours != null) {
            colours.stop();
        }
    }

    /** A source over informers started now, once they have listed what the test created. */
    private DirectScrapeSource source(Clock clock) {
        colours = new ColourObjects(server.client(Identities.HEALTH_MONITOR), HealthFixtures.cluster());
        colours.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(colours::known);
        return new DirectScrapeSource(colours, clock, HealthFixtures.health(),
                new Misconfigurations(new SimpleMeterRegistry(), clock, Duration.ofSeconds(1)));
    }
}
