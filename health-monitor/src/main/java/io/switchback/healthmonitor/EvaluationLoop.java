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
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every evaluation interval, for each watched release: drops it if the cluster no longer serves it soaking or
 * if its service's partition of {@code switchback.deployments} is no longer this instance's, reads its pods,
 * lets its {@link ReleaseEvaluator} judge, and publishes the verdicts that are due. Only the instance that owns
 * a service's partition watches it, so each verdict is taken once however many replicas run. A verdict Kafka
 * did not acknowledge is offered again at the next evaluation.
 */
@Component
public class EvaluationLoop implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationLoop.class);

    private final ReleaseWatches watches;
    private final LiveServices liveServices;
    private final MetricSource metrics;
    private final EventPublisher publisher;
    private final PartitionOwnership ownership;
    private final MeterRegistry meters;
    private final String environment;
    private final Duration interval;
    private volatile ScheduledExecutorService executor;

    public EvaluationLoop(ReleaseWatches watches, LiveServices liveServices, MetricSource metrics,
            EventPublisher publisher, PartitionOwnership ownership, MeterRegistry meters, ClusterProperties cluster,
            HealthProperties health) {
        this.watches = watches;
        this.liveServices = liveServices;
        this.metrics = metrics;
        this.publisher = publisher;
        this.ownership = ownership;
        this.meters = meters;
        this.environment = cluster.environment();
        this.interval = health.evaluationInterval();
        Gauge.builder("switchback.health.watched.releases", watches, ReleaseWatches::size)
                .description("Releases under watch").register(meters);
    }

    void evaluateAll() {
        if (!liveServices.known()) {
            LOG.debug("the Services are not listed yet: nothing is judged");
            return;
        }
        try {
            liveServices.soaking().stream().filter(release -> owns(release.service())).forEach(watches::resume);
        } catch (RuntimeException e) {
            // a throw would cancel the scheduled loop for good: log it and evaluate what is watched
            LOG.warn("could not resume watches from the cluster: {}", e.toString());
        }
        for (ReleaseWatches.Watch watch : watches.all()) {
            try {
                evaluate(watch);
            } catch (RuntimeException e) {
                evaluations("error").increment();
                LOG.warn("could not evaluate {} deployment {}: {}", watch.release().service(),
                        watch.release().deploymentId(), e.toString());
            }
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
        for (Verdict verdict : watch.evaluator().evaluate(snapshot)) {
            // the partition may have moved during the scrape: its new owner judges from here on
            Optional<String> moved = notOwned(release);
            if (moved.isPresent()) {
                watches.stop(release.service(), release.deploymentId(), moved.get());
                return;
            }
            publish(watch, verdict, snapshot);
        }
        evaluations("done").increment();
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

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "health-evaluation");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        started.scheduleAtFixedRate(this::evaluateAll, millis, millis, TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current != null) {
            current.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
