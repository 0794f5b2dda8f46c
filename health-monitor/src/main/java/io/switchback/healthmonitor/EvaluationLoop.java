package io.switchback.healthmonitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchback.cluster.ClusterProperties;
import io.switchback.events.EventKeys;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.Topic;
import io.switchback.platform.EventPublisher;
import io.switchback.platform.PartitionOwnership;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every evaluation interval, for each watched release: drops it if the cluster no longer serves it soaking or
 * if its service's partition of {@code switchback.deployments} is no longer this instance's, reads its pods,
 * lets its {@link ReleaseEvaluator} judge, and publishes the verdicts that are due. Only the instance that owns
 * a service's partition watches it, so each verdict is taken once however many replicas run. A verdict Kafka
 * did not acknowledge is offered again at the next evaluation.
 *
 * <p>The releases are evaluated side by side on {@code scrape.parallelism} threads, each release at most once
 * at a time: a release whose last evaluation is still running (its pods slow to answer) is skipped at this
 * tick, not queued, so one slow service never delays another's verdict. The lag of each evaluation, from the
 * tick to its verdicts, is the timer {@code switchback.health.evaluation.lag}.
 */
@Component
public class EvaluationLoop implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationLoop.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final ReleaseWatches watches;
    private final LiveServices liveServices;
    private final MetricSource metrics;
    private final EventPublisher publisher;
    private final PartitionOwnership ownership;
    private final MeterRegistry meters;
    private final String environment;
    private final Duration interval;
    private final ExecutorService workers;
    private final Set<ReleaseWatches.Watch> inFlight = ConcurrentHashMap.newKeySet();
    private final Timer lag;
    private volatile ScheduledExecutorService executor;
    private volatile boolean stopping;

    @Autowired
    public EvaluationLoop(ReleaseWatches watches, LiveServices liveServices, MetricSource metrics,
            EventPublisher publisher, PartitionOwnership ownership, MeterRegistry meters, ClusterProperties cluster,
            HealthProperties health) {
        this(watches, liveServices, metrics, publisher, ownership, meters, cluster, health,
                Executors.newFixedThreadPool(health.scrape().parallelism(), threads("health-evaluation-")));
    }

    /** With the executor the releases are evaluated on; it is shut down when the loop stops. */
    EvaluationLoop(ReleaseWatches watches, LiveServices liveServices, MetricSource metrics,
            EventPublisher publisher, PartitionOwnership ownership, MeterRegistry meters, ClusterProperties cluster,
            HealthProperties health, ExecutorService workers) {
        this.watches = watches;
        this.liveServices = liveServices;
        this.metrics = metrics;
        this.publisher = publisher;
        this.ownership = ownership;
        this.meters = meters;
        this.environment = cluster.environment();
        this.interval = health.evaluationInterval();
        this.workers = workers;
        this.lag = Timer.builder("switchback.health.evaluation.lag")
                .description("From the evaluation tick to the end of a release's evaluation")
                .publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("switchback.health.watched.releases", watches, ReleaseWatches::size)
                .description("Releases under watch").register(meters);
    }

    /** One tick: resumes what the cluster shows soaking, then starts each watched release's evaluation. */
    CompletableFuture<Void> evaluateAll() {
        if (!liveServices.known()) {
            LOG.debug("the Services are not listed yet: nothing is judged");
            return CompletableFuture.completedFuture(null);
        }
        try {
            liveServices.soaking().stream().filter(release -> owns(release.service())).forEach(watches::resume);
        } catch (RuntimeException e) {
            // a throw would cancel the scheduled loop for good: log it and evaluate what is watched
            LOG.warn("could not resume watches from the cluster: {}", e.toString());
        }
        long tick = System.nanoTime();
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (ReleaseWatches.Watch watch : watches.all()) {
            if (!inFlight.add(watch)) {
                evaluations("skipped").increment();
                LOG.debug("{} deployment {}: the last evaluation is still running", watch.release().service(),
                        watch.release().deploymentId());
                continue;
            }
            started.add(CompletableFuture.runAsync(() -> evaluateOnce(watch, tick), workers));
        }
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
    }

    private void evaluateOnce(ReleaseWatches.Watch watch, long tick) {
        try {
            evaluate(watch);
        } catch (RuntimeException e) {
            if (stopping) {
                LOG.debug("stopping: the evaluation of {} ends unfinished ({})", watch.release().service(), e.toString());
                return;
            }
            evaluations("error").increment();
            LOG.warn("could not evaluate {} deployment {}: {}", watch.release().service(),
                    watch.release().deploymentId(), e.toString());
        } finally {
            inFlight.remove(watch);
            lag.record(System.nanoTime() - tick, TimeUnit.NANOSECONDS);
        }
    }

    private void evaluate(ReleaseWatches.Watch watch) {
        WatchedRelease release = watch.release();
        Optional<String> notLive = liveServices.whyNotLive(release).or(() -> notOwned(release));
        if (notLive.isPresent()) {
            watches.stop(release.service(), release.deploymentId(), notLive.get());
            return;
        }
        ReleaseSnapshot snapshot = metrics.snapshot(release);
        List<Verdict> verdicts = new ArrayList<>(watch.evaluator().evaluate(snapshot));
        if (release.canary()) {
            // the live colour beside it, read the same way: its pods' own counters
            ReleaseSnapshot live = metrics.snapshot(new WatchedRelease(release.deploymentId(), release.service(),
                    release.color().other(), release.image(), release.switchedAt(), null));
            watch.evaluator().compare(snapshot, live).ifPresent(verdicts::add);
        }
        for (Verdict verdict : verdicts) {
            // the partition may have moved during the scrape: its new owner judges from here on
            Optional<String> moved = notOwned(release);
            if (moved.isPresent()) {
                watches.stop(release.service(), release.deploymentId(), moved.get());
                return;
            }
            publish(watch, verdict, snapshot);
        }
        watch.evaluator().soakVerdict(release, snapshot.at()).ifPresent(soak -> publish(watch, soak));
        // last: a reading for the status page's chart never delays a verdict
        watch.evaluator().takeFigures().ifPresent(figures -> publish(watch, figures));
        evaluations("done").increment();
    }

    /**
     * The release's figures of one evidence interval, sent without waiting for Kafka: a thousand releases' figures
     * must not hold the evaluation threads. One Kafka did not take is counted, not offered again: the next follows.
     */
    private void publish(ReleaseWatches.Watch watch, EvidenceTally.Figures figures) {
        WatchedRelease release = watch.release();
        publisher.send(VerdictEvents.of(figures, release, environment, watch.evaluator().rules(), metrics.kind()))
                .whenComplete((sent, failure) -> {
                    if (failure != null) {
                        Counter.builder("switchback.health.evidence.lost").description("health.evidence Kafka did not take")
                                .register(meters).increment();
                        LOG.debug("the figures of {} to {} not published: {}", release.deploymentId(), figures.to(),
                                failure.toString());
                    }
                });
    }

    /** The soak's verdict: passed (the deployer may end the soak as stable), or held. */
    private void publish(ReleaseWatches.Watch watch, SoakTally.SoakVerdict soak) {
        WatchedRelease release = watch.release();
        try {
            publisher.publish(VerdictEvents.of(soak, release, environment));
        } catch (EventPublisher.EventNotAcknowledgedException e) {
            LOG.warn("soak verdict of {} not published, offered again next time: {}", release.deploymentId(),
                    e.getMessage());
            return;
        }
        watch.evaluator().soakReported(soak);
        Counter.builder("switchback.health.soaks").description("Soak verdicts published")
                .tag("environment", environment).tag("service", release.service())
                .tag("verdict", soak.passed() ? "passed" : "held").register(meters).increment();
        if (soak.passed()) {
            LOG.info("{} deployment {} passed its soak: every check passed for {} s of the {} s needed",
                    release.service(), release.deploymentId(), soak.healthy().toSeconds(), soak.required().toSeconds());
        } else {
            LOG.warn("{} deployment {}: its soak ended without enough healthy verdicts ({} s of the {} s needed; {}):"
                    + " held, still judged", release.service(), release.deploymentId(), soak.healthy().toSeconds(),
                    soak.required().toSeconds(), soak.reason());
        }
    }

    private void publish(ReleaseWatches.Watch watch, Verdict verdict, ReleaseSnapshot snapshot) {
        WatchedRelease release = watch.release();
        ReleaseEvent event = VerdictEvents.of(verdict, release, environment, watch.evaluator().rules().window(),
                metrics.kind(), snapshot.metricsAge());
        try {
            publisher.publish(event);
        } catch (EventPublisher.EventNotAcknowledgedException e) {
            LOG.warn("{} {} of {} not published, offered again next time: {}", verdict.result().check().wire(),
                    verdict.kind().tag(), release.deploymentId(), e.getMessage());
            return;
        }
        watch.evaluator().reported(verdict);
        Counter.builder("switchback.health.verdicts").description("Verdicts published")
                .tag("check", verdict.result().check().wire()).tag("verdict", verdict.kind().tag())
                .register(meters).increment();
        LOG.info("{} {} for {} deployment {}: {}", verdict.result().check().wire(), verdict.kind().tag(),
                release.service(), release.deploymentId(), verdict.result().reason());
    }

    private boolean owns(String service) {
        return ownership.owns(Topic.DEPLOYMENTS.topicName(), EventKeys.release(environment, service));
    }

    private Optional<String> notOwned(WatchedRelease release) {
        return owns(release.service()) ? Optional.empty() : Optional.of("the partition of "
                + EventKeys.release(environment, release.service()) + " is another instance's now");
    }

    private Counter evaluations(String outcome) {
        return Counter.builder("switchback.health.evaluations").description("Evaluations of watched releases")
                .tag("outcome", outcome).register(meters);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(threads("health-tick-"));
        long millis = interval.toMillis();
        started.scheduleAtFixedRate(this::evaluateAll, millis, millis, TimeUnit.MILLISECONDS);
        executor = started;
    }

    /**
     * Stops the ticks and the evaluations in progress, waiting a moment for them to end, so that what they read
     * (the informers) outlives them; the loop is not started again after this.
     */
    @Override
    public void stop() {
        stopping = true;
        ScheduledExecutorService current = executor;
        executor = null;
        if (current != null) {
            current.shutdownNow();
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
