package io.switchback.rollbackcontroller;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.switchback.cluster.BlueGreen;
import io.switchback.cluster.BlueGreenCluster;
import io.switchback.cluster.ConcurrentChangeException;
import io.switchback.cluster.HookJob;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.HookOutcome;
import io.switchback.events.HookRun;
import io.switchback.events.RollbackHookFinished;
import io.switchback.platform.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's rollback hook ({@link HookJob}, key {@code rollback}): a database rollback, started once a rollback has
 * put the traffic back (the switch never waits for it), followed by the repairs until it ends, its end published
 * once as {@code rollback.hook-finished} and then marked on the Job. The Job is the record: a controller that
 * restarts finds the runs still to report.
 */
class RollbackHooks {

    private static final Logger LOG = LoggerFactory.getLogger(RollbackHooks.class);

    private final BlueGreenCluster cluster;
    private final EventPublisher events;
    private final String environment;
    private final Duration deadline;
    private final Clock clock;

    RollbackHooks(BlueGreenCluster cluster, EventPublisher events, String environment, Duration deadline, Clock clock) {
        this.cluster = cluster;
        this.events = events;
        this.environment = environment;
        this.deadline = deadline;
        this.clock = clock;
    }

    /**
     * Starts the service's rollback hook for a rollback that switched the traffic, if it has one. Never throws:
     * the rollback is done; a hook that cannot start is reported as failed.
     *
     * @param live the record before the rollback: its live release is the one rolled back
     */
    void start(RollbackRequest request, ReleaseRecord live) {
        Instant at = clock.instant();
        String name = HookJob.name(request.service(), HookJob.ROLLBACK, request.rollbackId());
        try {
            Optional<String> template = cluster.hookTemplate(request.service(), HookJob.ROLLBACK);
            if (template.isEmpty()) {
                return;
            }
            HookJob.Rendered rendered = HookJob.rollback(template.get(), request.service(), request.rollbackId(),
                    live.deploymentId(), live.previousImage(), live.liveImage(), cluster.namespace(), at, deadline);
            if (rendered.job() == null) {
                report(request.service(), live.deploymentId(), request.rollbackId(),
                        new HookRun(name, at, at, HookOutcome.FAILED, rendered.problem()));
                return;
            }
            cluster.create(rendered.job());
            LOG.info("{}: rollback hook job {} started for rollback {}", request.service(), name, request.rollbackId());
        } catch (ConcurrentChangeException e) {
            LOG.debug("{}: rollback hook job {} exists already", request.service(), name);
        } catch (RuntimeException e) {
            LOG.warn("{}: rollback hook job {} could not be started: {}", request.service(), name, e.toString());
            report(request.service(), live.deploymentId(), request.rollbackId(),
                    new HookRun(name, at, clock.instant(), HookOutcome.FAILED, "not started: " + e.getMessage()));
        }
    }

    /** Publishes, once, the end of each rollback hook of the services {@code owned} says are this instance's. */
    void follow(Predicate<String> owned) {
        Instant now = clock.instant();
        for (Job job : cluster.hookJobs(HookJob.ROLLBACK)) {
            Map<String, String> annotations = Optional.ofNullable(job.getMetadata().getAnnotations()).orElse(Map.of());
            String service = Optional.ofNullable(job.getMetadata().getLabels()).orElse(Map.of()).get(BlueGreen.APP_LABEL);
            if (annotations.containsKey(HookJob.REPORTED) || service == null || !owned.test(service)) {
                continue;
            }
            Instant started = HookJob.startedAt(job, now);
            Optional<HookRun> ended = HookJob.finished(job, started.plus(deadline), now);
            if (ended.isPresent() && report(service, annotations.get(BlueGreen.DEPLOYMENT_ID),
                    annotations.get(HookJob.ROLLBACK_ID), ended.get())) {
                try {
                    cluster.markReported(job);
                } catch (ConcurrentChangeException e) {
                    LOG.debug("{} changed while being marked reported; looked at again", job.getMetadata().getName());
                }
            }
        }
    }

    /** @return whether Kafka took the event */
    private boolean report(String service, String deploymentId, String rollbackId, HookRun run) {
        try {
            events.publish(new RollbackHookFinished(UUID.randomUUID().toString(), clock.instant(), environment, service,
                    deploymentId, rollbackId, run));
        } catch (RuntimeException e) {
            LOG.warn("{}: the end of rollback hook {} not published yet: {}", service, run.job(), e.getMessage());
            return false;
        }
        if (run.outcome() == HookOutcome.SUCCEEDED) {
            LOG.info("{}: rollback hook {} succeeded in {} ms", service, run.job(),
                    Duration.between(run.startedAt(), run.finishedAt()).toMillis());
        } else {
            LOG.error("{}: rollback hook {} {}: {}; a person must look at the database (docs/operations.md)", service,
                    run.job(), run.outcome().wire(), run.reason());
        }
        return true;
    }
}
