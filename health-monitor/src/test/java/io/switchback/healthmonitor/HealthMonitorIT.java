package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.events.Color;
import io.switchback.events.DeploymentStable;
import io.switchback.events.HealthBreached;
import io.switchback.events.HealthCheck;
import io.switchback.events.HealthEvidence;
import io.switchback.events.HealthInconclusive;
import io.switchback.events.JudgedPhase;
import io.switchback.events.HealthSoakHeld;
import io.switchback.events.HealthSoakPassed;
import io.switchback.events.MetricSource;
import io.switchback.platform.EventPublisher;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.MockKubernetes;
import io.switchback.testkit.MockKubernetesConfiguration;
import io.switchback.testkit.RealKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The health monitor end to end: deployment events in over a real broker, the mock API server as the
 * cluster, real HTTP servers as pods, verdicts read back from {@code switchback.health}.
 */
@RealKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        HealthMonitorApplication.CONFIG_NAME,
        "switchback.environment=staging",
        "switchback.health.evaluation-interval=500ms",
        "switchback.health.pods.unready-grace=2s",
        "switchback.health.evidence-interval=1s",
        // its own group: another cached test context must not take a share of the deployment events
        "spring.kafka.consumer.group-id=health-monitor-it"})
@Import(MockKubernetesConfiguration.class)
@MockKubernetes
class HealthMonitorIT {

    static final Duration GRACE = Duration.ofSeconds(2);
    static HealthTopic health;

    @Autowired
    @Qualifier(MockKubernetesConfiguration.TEST_CLIENT)
    KubernetesClient client;
    @Autowired
    EventPublisher publisher;
    @Autowired
    ReleaseWatches watches;
    @Autowired
    ColourObjects colours;

    @BeforeAll
    static void readHealthTopic(KafkaBroker broker) {
        broker.createTopics(6, io.switchback.events.Topic.Names.HEALTH);
        health = new HealthTopic(broker.bootstrapServers());
    }

    @AfterAll
    static void stopReading() throws InterruptedException {
        health.close();
    }

    @AfterEach
    void clearCluster() {
        client.services().inNamespace(LiveReleases.NAMESPACE).delete();
        client.pods().inNamespace(LiveReleases.NAMESPACE).delete();
        client.apps().deployments().inNamespace(LiveReleases.NAMESPACE).delete();
    }

    @Test
    void aReleaseServingFivePercentErrorsBreachesExactlyOnceWithItsEvidence() {
        String deploymentId = "checkout-staging-" + shortId();
        try (FakePod a = new FakePod(25, 0.05); FakePod b = new FakePod(25, 0.05); FakePod blue = new FakePod(25, 0)) {
            LiveReleases.liveService(client, "checkout", Color.GREEN, deploymentId);
            LiveReleases.pod(client, "checkout-green-a", "checkout", Color.GREEN, a.port(), true);
            LiveReleases.pod(client, "checkout-green-b", "checkout", Color.GREEN, b.port(), true);
            LiveReleases.pod(client, "checkout-blue-a", "checkout", Color.BLUE, blue.port(), true);
            Instant switched = Instant.now();

            publisher.publish(HealthFixtures.trafficSwitched("checkout", deploymentId, switched));

            await("breach").atMost(Duration.ofSeconds(30))
                    .until(() -> !health.events(HealthBreached.class, deploymentId).isEmpty());
            await("no second breach").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> health.events(HealthBreached.class, deploymentId).size() == 1);
            HealthBreached breach = health.events(HealthBreached.class, deploymentId).get(0);
            assertThat(breach.check()).isEqualTo(HealthCheck.ERROR_RATE);
            assertThat(breach.observed()).as("the share over the evidence").isCloseTo(0.05, within(0.015));
            assertThat(breach.threshold()).isEqualTo(0.01);
            assertThat(breach.unit()).isEqualTo("ratio");
            assertThat(breach.windowMs()).as("the span of the evidence since the change-point")
                    .isBetween(1L, Duration.between(switched, breach.occurredAt()).toMillis() + 500);
            assertThat(breach.sampleCount()).isGreaterThanOrEqualTo(breach.minimumSamples());
            assertThat(breach.minimumSamples()).as("four failed requests in a row can breach at once").isEqualTo(4);
            assertThat(breach.consecutiveFailures()).isGreaterThanOrEqualTo(1);
            assertThat(breach.reason()).contains("requests failed", "Shiryaev-Roberts statistic");
            assertThat(breach.firstBadAt()).isAfter(switched).isBefore(breach.occurredAt());
            assertThat(breach.metricSource()).isEqualTo(MetricSource.DIRECT_SCRAPE);
            assertThat(breach.color()).isEqualTo(Color.GREEN);
            assertThat(breach.image()).isEqualTo("r/checkout:" + deploymentId);
            assertThat(breach.environment()).isEqualTo("staging");
            assertThat(blue.scrapes()).as("only the live colour is judged").isZero();
            assertThat(health.records(deploymentId)).allSatisfy(r -> assertThat(r.key()).isEqualTo("staging/checkout"));
        }
    }

    @Test
    void aWatchedReleasesFiguresArePublishedEveryEvidenceIntervalBesideItsThresholds() {
        String deploymentId = "cart-staging-" + shortId();
        try (FakePod a = new FakePod(25, 0)) {
            LiveReleases.liveService(client, "cart", Color.GREEN, deploymentId);
            LiveReleases.pod(client, "cart-green-a", "cart", Color.GREEN, a.port(), true);

            publisher.publish(HealthFixtures.trafficSwitched("cart", deploymentId, Instant.now()));

            List<HealthEvidence> evidence = await("three intervals of figures").atMost(Duration.ofSeconds(20))
                    .until(() -> health.events(HealthEvidence.class, deploymentId), e -> e.size() >= 3);
            HealthEvidence first = evidence.get(0);
            HealthEvidence second = evidence.get(1);
            assertThat(second.intervalStart()).as("one interval follows the other").isEqualTo(first.occurredAt());
            assertThat(Duration.between(second.intervalStart(), second.occurredAt()))
                    .isBetween(Duration.ofSeconds(1), Duration.ofMillis(2500));
            assertThat(second.requests()).isPositive();
            assertThat(second.errorRate()).as("a healthy pod: no breach cuts the intervals short").isZero();
            assertThat(second.errorRateThreshold()).isEqualTo(0.01);
            assertThat(second.p95ThresholdMs()).isEqualTo(500.0);
            assertThat(second.p95Ms()).isNotNull().isLessThan(500.0);
            assertThat(second.phase()).isEqualTo(JudgedPhase.SOAK);
            assertThat(second.color()).isEqualTo(Color.GREEN);
            assertThat(second.metricSource()).isEqualTo(MetricSource.DIRECT_SCRAPE);
        }
    }

    @Test
    void aHealthyReleaseWithAHalfPercentBaselineDoesNotBreach() {
        String deploymentId = "search-staging-" + shortId();
        try (FakePod a = new FakePod(25, 0.005); FakePod b = new FakePod(25, 0.005)) {
            LiveReleases.liveService(client, "search", Color.BLUE, deploymentId);
            LiveReleases.pod(client, "search-blue-a", "search", Color.BLUE, a.port(), true);
            LiveReleases.pod(client, "search-blue-b", "search", Color.BLUE, b.port(), true);

            publisher.publish(HealthFixtures.trafficSwitched("search", deploymentId, Instant.now(), Color.BLUE));

            await("twelve seconds of evaluations, no breach").during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(15))
                    .until(() -> health.events(HealthBreached.class, deploymentId).isEmpty());
            assertThat(a.scrapes()).as("it was evaluated all along").isGreaterThanOrEqualTo(20);
            assertThat(watches.all()).anyMatch(w -> w.release().deploymentId().equals(deploymentId));
        }
    }

    @Test
    void aSoakJudgedHealthyPassesOnceItsWindowEndedAndASoakWithoutDataIsHeldNeverPassed() {
        String healthy = "ledger-staging-" + shortId();
        String silent = "audit-staging-" + shortId();
        try (FakePod a = new FakePod(25, 0); FakePod b = new FakePod(25, 0)) {
            Instant switched = Instant.now();
            Instant windowEnds = switched.plusSeconds(5);
            LiveReleases.liveService(client, "ledger", Color.BLUE, healthy, switched, windowEnds);
            LiveReleases.pod(client, "ledger-blue-a", "ledger", Color.BLUE, a.port(), true);
            LiveReleases.pod(client, "ledger-blue-b", "ledger", Color.BLUE, b.port(), true);
            LiveReleases.liveService(client, "audit", Color.GREEN, silent, switched, windowEnds);
            publisher.publish(HealthFixtures.trafficSwitched("ledger", healthy, switched, Color.BLUE, "staging",
                    windowEnds));
            publisher.publish(HealthFixtures.trafficSwitched("audit", silent, switched, Color.GREEN, "staging",
                    windowEnds));

            HealthSoakPassed passed = await("the healthy soak passes").atMost(Duration.ofSeconds(30))
                    .until(() -> health.events(HealthSoakPassed.class, healthy), e -> !e.isEmpty()).get(0);
            assertThat(passed.occurredAt()).isAfterOrEqualTo(windowEnds);
            assertThat(passed.soakStartedAt()).isEqualTo(switched);
            assertThat(passed.requiredMs()).isEqualTo(4_000);
            assertThat(passed.judgedHealthyMs()).isGreaterThanOrEqualTo(passed.requiredMs());

            HealthSoakHeld held = await("the silent soak is held").atMost(Duration.ofSeconds(30))
                    .until(() -> health.events(HealthSoakHeld.class, silent), e -> !e.isEmpty()).get(0);
            assertThat(held.judgedHealthyMs()).isZero();
            assertThat(held.reason()).contains("no ready pod of the live colour could be scraped");
            await("held once, never passed, still watched").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> health.events(HealthSoakHeld.class, silent).size() == 1
                            && health.events(HealthSoakPassed.class, silent).isEmpty()
                            && health.events(HealthSoakPassed.class, healthy).size() == 1);
            assertThat(watches.all()).anyMatch(w -> w.release().deploymentId().equals(silent));
        }
    }

    @Test
    void aReleaseWithoutPodsIsInconclusiveOnceAndNeverABreach() {
        String deploymentId = "cart-staging-" + shortId();
        LiveReleases.liveService(client, "cart", Color.GREEN, deploymentId);

        publisher.publish(HealthFixtures.trafficSwitched("cart", deploymentId, Instant.now()));

        await("inconclusive for every check").atMost(Duration.ofSeconds(30))
                .until(() -> health.events(HealthInconclusive.class, deploymentId).size() == ReleaseEvaluator.TRIGGERS.size());
        await("once, and no breach").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> health.events(HealthInconclusive.class, deploymentId).size() == ReleaseEvaluator.TRIGGERS.size()
                        && health.events(HealthBreached.class, deploymentId).isEmpty());
        HealthInconclusive errorRate = health.events(HealthInconclusive.class, deploymentId).stream()
                .filter(e -> e.check() == HealthCheck.ERROR_RATE).findFirst().orElseThrow();
        assertThat(errorRate.reason()).isEqualTo("no ready pod of the live colour could be scraped");
        assertThat(errorRate.sampleCount()).isZero();
        assertThat(errorRate.minimumSamples()).isEqualTo(4);
        assertThat(errorRate.windowMs()).isEqualTo(10_000);
    }

    @Test
    void podsOfTheLiveColourGoingUnreadyAfterTheSwitchBreachTheHealthEndpointCheckNamingThem() {
        try (FakePod a = new FakePod(25, 0); FakePod b = new FakePod(25, 0)) {
            String deploymentId = liveWithTwoPods("basket", Color.GREEN, a, b);
            publisher.publish(HealthFixtures.trafficSwitched("basket", deploymentId, Instant.now()));
            await("judged while ready").atMost(Duration.ofSeconds(30)).until(() -> a.scrapes() >= 2);

            Instant wentUnready = Instant.now();
            LiveReleases.readiness(client, "basket-green-a", false, wentUnready);
            LiveReleases.readiness(client, "basket-green-b", false, wentUnready);

            await("breach").atMost(Duration.ofSeconds(30))
                    .until(() -> !health.events(HealthBreached.class, deploymentId).isEmpty());
            HealthBreached breach = health.events(HealthBreached.class, deploymentId).get(0);
            assertThat(breach.check()).isEqualTo(HealthCheck.HEALTH_ENDPOINT);
            assertThat(breach.observed()).isEqualTo(2);
            assertThat(breach.unit()).isEqualTo("count");
            assertThat(breach.reason()).startsWith("2 of 2 pods not ready for ")
                    .endsWith(" or more: basket-green-a, basket-green-b");
            assertThat(breach.firstBadAt()).as("after the grace").isAfter(wentUnready.plus(GRACE));
            assertThat(health.events(HealthInconclusive.class, deploymentId)).as("a total outage is never inconclusive")
                    .noneMatch(e -> e.check() == HealthCheck.HEALTH_ENDPOINT);
        }
    }

    @Test
    void aPodOfTheLiveColourRestartingAfterTheSwitchBreachesTheHealthEndpointCheckNamingIt() {
        try (FakePod a = new FakePod(25, 0); FakePod b = new FakePod(25, 0)) {
            // the pods and their restarts before the Service's record shows the release live: the watch, whether it
            // starts from the record or from the event, takes its baseline after them
            String deploymentId = "wishlist-staging-" + shortId();
            LiveReleases.deployment(client, "wishlist", Color.BLUE, 2);
            LiveReleases.pod(client, "wishlist-blue-a", "wishlist", Color.BLUE, a.port(), true);
            LiveReleases.pod(client, "wishlist-blue-b", "wishlist", Color.BLUE, b.port(), true);
            LiveReleases.restarted(client, "wishlist-blue-b", 2);
            await("the monitor's informer saw the restarts before the switch").atMost(Duration.ofSeconds(10))
                    .until(() -> colours.pods("wishlist", Color.BLUE).stream()
                            .anyMatch(pod -> PodState.of(pod).restarts() == 2));
            LiveReleases.liveService(client, "wishlist", Color.BLUE, deploymentId);
            publisher.publish(HealthFixtures.trafficSwitched("wishlist", deploymentId, Instant.now(), Color.BLUE));
            await("judged as it was at the switch").atMost(Duration.ofSeconds(30)).until(() -> b.scrapes() >= 2);
            assertThat(health.events(HealthBreached.class, deploymentId)).as("restarts before the switch").isEmpty();

            LiveReleases.restarted(client, "wishlist-blue-b", 3);

            await("breach").atMost(Duration.ofSeconds(30))
                    .until(() -> !health.events(HealthBreached.class, deploymentId).isEmpty());
            HealthBreached breach = health.events(HealthBreached.class, deploymentId).get(0);
            assertThat(breach.check()).isEqualTo(HealthCheck.HEALTH_ENDPOINT);
            assertThat(breach.reason()).isEqualTo("wishlist-blue-b restarted 1 time");
            assertThat(breach.observed()).isEqualTo(1);
            assertThat(breach.sampleCount()).as("a answered, b is down").isEqualTo(2);
        }
    }

    @Test
    void aReleaseTheServiceNoLongerServesIsDropped() {
        String deploymentId = "payments-staging-" + shortId();
        try (FakePod bad = new FakePod(50, 0.2)) {
            LiveReleases.liveService(client, "payments", Color.BLUE, "payments-staging-earlier");
            LiveReleases.pod(client, "payments-green-a", "payments", Color.GREEN, bad.port(), true);

            publisher.publish(HealthFixtures.trafficSwitched("payments", deploymentId, Instant.now()));

            await("dropped").atMost(Duration.ofSeconds(30)).until(() -> watches.all().stream()
                    .noneMatch(w -> w.release().deploymentId().equals(deploymentId)));
            assertThat(health.events(HealthBreached.class, deploymentId)).isEmpty();
            assertThat(bad.scrapes()).as("never judged").isZero();
        }
    }

    @Test
    void aRollbackAnEndedSoakAndAStableEventEndTheWatch() {
        String rolledBack = "orders-staging-" + shortId();
        String stable = "stock-staging-" + shortId();
        LiveReleases.liveService(client, "orders", Color.GREEN, rolledBack);
        LiveReleases.liveService(client, "stock", Color.GREEN, stable);
        publisher.publish(HealthFixtures.trafficSwitched("orders", rolledBack, Instant.now()));
        publisher.publish(HealthFixtures.trafficSwitched("stock", stable, Instant.now()));
        publisher.publish(HealthFixtures.trafficSwitched("other", "other-production-1", Instant.now(), Color.GREEN, "production"));
        await("watching").atMost(Duration.ofSeconds(30)).until(() -> watched(rolledBack) && watched(stable));

        client.services().inNamespace(LiveReleases.NAMESPACE).withName("orders").edit(s -> {
            s.getSpec().setSelector(Map.of("app", "orders", "color", "blue"));
            s.getMetadata().getAnnotations().put("switchback.io/deployment-id", "orders-staging-earlier");
            return s;
        });
        String ended = "gifts-staging-" + shortId();
        LiveReleases.liveService(client, "gifts", Color.GREEN, ended);
        publisher.publish(HealthFixtures.trafficSwitched("gifts", ended, Instant.now()));
        await("watching").atMost(Duration.ofSeconds(30)).until(() -> watched(ended));
        client.services().inNamespace(LiveReleases.NAMESPACE).withName("gifts").edit(s -> {
            s.getMetadata().getAnnotations().put("switchback.io/phase", "stable");
            return s;
        });
        publisher.publish(new DeploymentStable(UUID.randomUUID().toString(), Instant.now(), "staging", "stock", stable,
                Color.GREEN, "r/stock:" + stable, 900_000, null, null, null, null));

        await("dropped").atMost(Duration.ofSeconds(30))
                .until(() -> !watched(rolledBack) && !watched(stable) && !watched(ended));
        assertThat(watched("other-production-1")).as("another environment's release").isFalse();
    }

    /** A release live on a colour whose Deployment wants two pods, {@code <service>-<colour>-a} and {@code -b}. */
    private String liveWithTwoPods(String service, Color color, FakePod a, FakePod b) {
        String deploymentId = service + "-staging-" + shortId();
        LiveReleases.liveService(client, service, color, deploymentId);
        LiveReleases.deployment(client, service, color, 2);
        LiveReleases.pod(client, service + "-" + color.wire() + "-a", service, color, a.port(), true);
        LiveReleases.pod(client, service + "-" + color.wire() + "-b", service, color, b.port(), true);
        return deploymentId;
    }

    private boolean watched(String deploymentId) {
        return watches.all().stream().anyMatch(w -> w.release().deploymentId().equals(deploymentId));
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
