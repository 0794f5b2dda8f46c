package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchback.events.Color;
import io.switchback.events.EventKeys;
import io.switchback.events.HealthBreached;
import io.switchback.events.HealthCheck;
import io.switchback.events.SwitchbackEvent;
import io.switchback.platform.EventPublisher;
import io.switchback.platform.PartitionOwnership;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The loop with its collaborators played by fakes: what it publishes, drops and counts, and for which services. */
class EvaluationLoopTest {

    static final String DEPLOYMENTS = "switchback.deployments";
    static final int PARTITIONS = 6;

    final List<SwitchbackEvent> published = new ArrayList<>();
    boolean kafkaDown;
    Optional<String> notLive = Optional.empty();
    RuntimeException scrapeFailure;
    int scrapes;
    Instant clock = Instant.parse("2026-11-26T10:15:00Z");
    Runnable duringScrape = () -> { };
    final MockConsumer<String, String> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    final PartitionOwnership ownership = new PartitionOwnership();

    final EventPublisher publisher = new EventPublisher(null, Duration.ofSeconds(1)) {
        @Override
        public RecordMetadata publish(SwitchbackEvent event) {
            if (kafkaDown) {
                throw new EventNotAcknowledgedException(event, "no broker", null);
            }
            published.add(event);
            return null;
        }
    };
    List<WatchedRelease> soaking = List.of();
    RuntimeException listFailure;
    boolean known = true;
    final LiveServices live = new LiveServices(null, HealthFixtures.cluster()) {
        @Override
        public boolean known() {
            return known;
        }

        @Override
        public Optional<String> whyNotLive(WatchedRelease release) {
            return notLive;
        }

        @Override
        public List<WatchedRelease> soaking() {
            if (listFailure != null) {
                throw listFailure;
            }
            return soaking;
        }
    };
    final MetricSource unhealthyPods = new MetricSource() {
        @Override
        public io.switchback.events.MetricSource kind() {
            return io.switchback.events.MetricSource.DIRECT_SCRAPE;
        }

        @Override
        public ReleaseSnapshot snapshot(WatchedRelease release) {
            scrapes++;
            duringScrape.run();
            if (scrapeFailure != null) {
                throw scrapeFailure;
            }
            clock = clock.plusSeconds(1);
            return ReleaseSnapshot.of(clock, List.of(new PodSample("checkout-green-a", null, false)));
        }
    };
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ReleaseWatches watches = new ReleaseWatches(HealthFixtures.health());
    /** One evaluation at a time, so that the fakes need no locks; {@link #aSlowReleaseDelaysNoOtherRelease} uses two. */
    final EvaluationLoop loop = new EvaluationLoop(watches, live, unhealthyPods, publisher, ownership, meters,
            HealthFixtures.cluster(), HealthFixtures.health(), Executors.newSingleThreadExecutor());
    final WatchedRelease checkout = new WatchedRelease("checkout-staging-2", "checkout", Color.GREEN, "r/checkout:2",
            clock, clock.plusSeconds(900));
    final WatchedRelease search = new WatchedRelease("search-staging-4", "search", Color.BLUE, "r/search:4", clock,
            clock.plusSeconds(900));

    EvaluationLoopTest() {
        List<PartitionInfo> partitions = IntStream.range(0, PARTITIONS)
                .mapToObj(p -> new PartitionInfo(DEPLOYMENTS, p, null, null, null)).toList();
        consumer.updatePartitions(DEPLOYMENTS, partitions);
        ownership.onPartitionsAssigned(consumer, IntStream.range(0, PARTITIONS).mapToObj(this::partition).toList());
        watches.start(checkout);
    }

    @Test
    void releasesTheClusterShowsSoakingAreWatchedAndAFailureToListThemStopsNothing() {
        soaking = List.of(search);
        loop.evaluateAll().join();
        assertThat(watches.all()).extracting(w -> w.release().deploymentId())
                .containsExactlyInAnyOrder("checkout-staging-2", "search-staging-4");

        listFailure = new IllegalStateException("informer gone");
        int before = scrapes;
        loop.evaluateAll().join();
        assertThat(scrapes).as("the watched releases are still evaluated").isEqualTo(before + 2);
    }

    @Test
    void aVerdictKafkaDidNotTakeIsOfferedAgainAndCountedOnceTaken() {
        kafkaDown = true;
        loop.evaluateAll().join();
        loop.evaluateAll().join();
        assertThat(published).isEmpty();

        kafkaDown = false;
        loop.evaluateAll().join();
        loop.evaluateAll().join();

        List<HealthBreached> breaches = published.stream().filter(HealthBreached.class::isInstance)
                .map(HealthBreached.class::cast).toList();
        assertThat(breaches).singleElement().satisfies(breach -> {
            assertThat(breach.check()).isEqualTo(HealthCheck.HEALTH_ENDPOINT);
            assertThat(breach.consecutiveFailures()).isEqualTo(3);
            assertThat(breach.firstBadAt()).isEqualTo(Instant.parse("2026-11-26T10:15:01Z"));
        });
        assertThat(meters.get("switchback.health.verdicts").tags("check", "health-endpoint", "verdict", "breached")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("switchback.health.verdicts").tags("check", "error-rate", "verdict", "inconclusive")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("switchback.health.evaluations").tags("outcome", "done").counter().count()).isEqualTo(4);
        assertThat(meters.get("switchback.health.watched.releases").gauge().value()).isEqualTo(1);
    }

    @Test
    void aReleaseTheClusterNoLongerServesIsDroppedUnjudged() {
        notLive = Optional.of("rolled back");

        loop.evaluateAll().join();

        assertThat(watches.size()).isZero();
        assertThat(scrapes).isZero();
    }

    @Test
    void aFailedScrapeIsCountedAndTheWatchKept() {
        scrapeFailure = new IllegalStateException("API server unreachable");

        loop.evaluateAll().join();

        assertThat(meters.get("switchback.health.evaluations").tags("outcome", "error").counter().count()).isEqualTo(1);
        assertThat(watches.size()).isEqualTo(1);
        assertThat(published).isEmpty();
    }

    @Test
    void nothingIsJudgedOrDroppedBeforeTheServicesAreListed() {
        known = false;
        notLive = Optional.of("would be dropped");

        loop.evaluateAll().join();

        assertThat(scrapes).isZero();
        assertThat(watches.size()).isEqualTo(1);
    }

    @Test
    void aServiceWhosePartitionIsAnotherInstancesIsNeitherEvaluatedNorResumed() {
        assertThat(partitionOf("search")).as("the two services land on different partitions")
                .isNotEqualTo(partitionOf("checkout"));
        revoke("checkout");
        soaking = List.of(checkout, search);

        loop.evaluateAll().join();

        assertThat(watches.all()).extracting(w -> w.release().service()).containsExactly("search");
        assertThat(scrapes).as("only search's pods were read").isEqualTo(1);
    }

    @Test
    void aWatchStopsWhenItsPartitionIsRevokedAndResumesFromTheRecordWhenItComesBack() {
        soaking = List.of(checkout);
        loop.evaluateAll().join();
        assertThat(scrapes).isEqualTo(1);

        revoke("checkout");
        loop.evaluateAll().join();
        assertThat(watches.size()).isZero();
        assertThat(scrapes).isEqualTo(1);

        ownership.onPartitionsAssigned(consumer, List.of(partition(partitionOf("checkout"))));
        loop.evaluateAll().join();
        assertThat(watches.all()).extracting(ReleaseWatches.Watch::release).containsExactly(checkout);
        assertThat(scrapes).isEqualTo(2);
    }

    @Test
    void aVerdictIsNotPublishedWhenThePartitionMovedDuringTheEvaluation() {
        loop.evaluateAll().join();
        duringScrape = () -> revoke("checkout");

        loop.evaluateAll().join();

        assertThat(scrapes).as("a breach was due at this evaluation").isEqualTo(2);
        assertThat(published).isEmpty();
        assertThat(watches.size()).isZero();
    }

    @Test
    void aSlowReleaseDelaysNoOtherReleaseAndIsNotEvaluatedTwiceAtOnce() throws Exception {
        CountDownLatch checkoutAnswers = new CountDownLatch(1);
        Set<String> evaluated = ConcurrentHashMap.newKeySet();
        AtomicInteger checkoutScrapes = new AtomicInteger();
        MetricSource checkoutHangs = new MetricSource() {
            @Override
            public io.switchback.events.MetricSource kind() {
                return io.switchback.events.MetricSource.DIRECT_SCRAPE;
            }

            @Override
            public ReleaseSnapshot snapshot(WatchedRelease release) {
                if (release.service().equals("checkout")) {
                    checkoutScrapes.incrementAndGet();
                    await(checkoutAnswers);
                }
                evaluated.add(release.service() + "@" + evaluated.size());
                return ReleaseSnapshot.of(Instant.now(), List.of());
            }
        };
        ExecutorService two = Executors.newFixedThreadPool(2);
        EvaluationLoop parallel = new EvaluationLoop(watches, live, checkoutHangs, publisher, ownership, meters,
                HealthFixtures.cluster(), HealthFixtures.health(), two);
        watches.start(search);

        CompletableFuture<Void> first = parallel.evaluateAll();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> evaluated.stream().anyMatch(e -> e.startsWith("search")));
        CompletableFuture<Void> second = parallel.evaluateAll();
        second.get(5, TimeUnit.SECONDS);

        assertThat(evaluated).as("search was evaluated at both ticks while checkout's pods hung")
                .filteredOn(e -> e.startsWith("search")).hasSize(2);
        assertThat(checkoutScrapes).as("checkout, still in flight, was skipped, not queued").hasValue(1);
        assertThat(meters.get("switchback.health.evaluations").tags("outcome", "skipped").counter().count()).isEqualTo(1);
        assertThat(first).isNotDone();

        checkoutAnswers.countDown();
        first.get(5, TimeUnit.SECONDS);
        assertThat(meters.get("switchback.health.evaluation.lag").timer().count()).isEqualTo(3);
        parallel.stop();
        assertThat(two.isShutdown()).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void runsUntilStopped() {
        loop.start();
        assertThat(loop.isRunning()).isTrue();

        loop.stop();
        loop.stop();

        assertThat(loop.isRunning()).isFalse();
    }

    private TopicPartition partition(int number) {
        return new TopicPartition(DEPLOYMENTS, number);
    }

    private static int partitionOf(String service) {
        return PartitionOwnership.partitionFor(EventKeys.release("staging", service), PARTITIONS);
    }

    private void revoke(String service) {
        ownership.onPartitionsRevokedBeforeCommit(consumer, List.of(partition(partitionOf(service))));
    }
}
