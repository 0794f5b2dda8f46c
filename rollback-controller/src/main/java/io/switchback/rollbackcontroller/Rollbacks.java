package io.switchback.rollbackcontroller;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.switchback.cluster.BlueGreenCluster;
import io.switchback.cluster.ConcurrentChangeException;
import io.switchback.cluster.OutboxPublisher;
import io.switchback.cluster.RecordLock;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.RollbackClaim;
import io.switchback.platform.EventPublisher;
import io.switchback.platform.TransientFailureException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out rollbacks. The switch is one guarded write of the Service that also records the rollback's
 * events in its outbox: traffic moves first, the events follow as soon as Kafka takes them, and a Kafka
 * outage never delays the switch. When the previous colour is not ready to take traffic, the Service is
 * claimed first (so that the deployer leaves both colours alone), the colour prepared
 * ({@link PreviousColour}), then switched; traffic never moves to pods that are not ready, and when it
 * cannot move {@code rollback.failed} says why and a person takes over.
 */
class Rollbacks {

    private static final Logger LOG = LoggerFactory.getLogger(Rollbacks.class);
    private static final int ATTEMPTS = 20;
    private static final Duration LOCK_PAUSE = Duration.ofMillis(50);

    private final BlueGreenCluster cluster;
    private final OutboxPublisher outbox;
    private final EventPublisher events;
    private final PreviousColour previousColour;
    private final RollbackProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String holder;
    private final Map<String, ReentrantLock> inProgress = new ConcurrentHashMap<>();
    private final RollbackHooks hooks;

    Rollbacks(BlueGreenCluster cluster, OutboxPublisher outbox, EventPublisher events, RollbackProperties properties,
            MeterRegistry meters, Clock clock, String holder, RollbackHooks hooks) {
        this.hooks = hooks;
        this.cluster = cluster;
        this.outbox = outbox;
        this.events = events;
        this.previousColour = new PreviousColour(cluster, properties.readyTimeout());
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        this.holder = holder;
    }

    /** Decides and acts on one request; a request for a service in progress here waits its turn. */
    void handle(RollbackRequest request) {
        exclusively(request.service(), () -> decideAndAct(request));
    }

    /** Publishes what a switch left in the outbox, unless this instance is busy with the service. */
    void publishLeftovers(String service) {
        exclusively(service, () -> {
            Service now = cluster.service(service);
            if (now != null && outbox.hasEntries(now)) {
                flushQuietly(now);
            }
        });
    }

    /** One thing at a time per service here: a listener's rollback, a repair, a flush of what they left. */
    private void exclusively(String service, Runnable work) {
        ReentrantLock lock = inProgress.computeIfAbsent(service, s -> new ReentrantLock());
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    private void decideAndAct(RollbackRequest request) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Instant decidedAt = clock.instant();
            Service service = cluster.service(request.service());
            ReleaseRecord record = service == null ? null : ReleaseRecord.of(service).orElse(null);
            Deployment target = record == null || record.previousColor() == null ? null
                    : cluster.deployment(request.service(), record.previousColor());
            Duration maxAge = request.manual() ? properties.maxCommandAge() : properties.maxBreachAge();
            RollbackDecision decision = RollbackDecision.decide(request, service, target, decidedAt, maxAge, holder);
            try {
                if (act(request, decision, decidedAt)) {
                    return;
                }
            } catch (ConcurrentChangeException e) {
                LOG.info("Service {} changed while rolling back; deciding again", request.service());
            }
        }
        throw new TransientFailureException("Service " + request.service() + " stayed busy; the request is offered again",
                null);
    }

    /** @return false when the decision must be taken again */
    private boolean act(RollbackRequest request, RollbackDecision decision, Instant decidedAt) {
        if (decision instanceof RollbackDecision.Skip skip) {
            LOG.info("not rolling {} back: {}", request.service(), skip.reason());
            count(request, "skipped");
            events.publish(RollbackEvents.skipped(request, skip.reason(), skip.liveDeploymentId(), clock.instant()));
            return true;
        }
        if (decision instanceof RollbackDecision.Wait) {
            pause();
            return false;
        }
        RollbackDecision.Rollback rollback = (RollbackDecision.Rollback) decision;
        if (!rollback.prepare()) {
            switchBack(request, rollback.service(), rollback, decidedAt, true);
            return true;
        }
        return prepareThenSwitch(request, rollback, decidedAt);
    }

    /** @return false when the claim was lost meanwhile (a person removed it): decide again */
    private boolean prepareThenSwitch(RollbackRequest request, RollbackDecision.Rollback rollback, Instant decidedAt) {
        claim(request, rollback);
        Optional<String> notReady = previousColour.prepare(request.service(), rollback.live());
        Service now = cluster.service(request.service());
        ReleaseRecord record = now == null ? null : ReleaseRecord.of(now).orElse(null);
        if (record == null || record.rollback() == null || !record.rollback().rollbackId().equals(request.rollbackId())) {
            LOG.warn("rollback {} lost its claim on {}; deciding again", request.rollbackId(), request.service());
            return false;
        }
        if (notReady.isPresent()) {
            fail(request, now, record, notReady.get());
        } else {
            switchBack(request, now, new RollbackDecision.Rollback(now, record, false, true), decidedAt, false);
        }
        return true;
    }

    /** Records the claim (cancelling a rollout that took the colour) with rollback.started; the lock covers it. */
    private Service claim(RollbackRequest request, RollbackDecision.Rollback rollback) {
        Instant at = clock.instant();
        RecordLock lock = new RecordLock(holder, at.plus(properties.readyTimeout()).plusSeconds(10));
        ReleaseRecord live = rollback.live();
        ReleaseRecord.Builder claimed = live.toBuilder().lock(lock);
        if (!rollback.resume()) {
            claimed.rollback(new RollbackClaim(request.rollbackId(), live.deploymentId(), rollback.from(),
                    rollback.to(), request.cause(), request.faultOnsetAt(), request.detectedAt(), at))
                    .rollout(null).publish(RollbackEvents.started(request, live, at));
            if (live.rollout() != null) {
                claimed.publish(RollbackEvents.cancelled(request, live.rollout(), live, live.liveColor(), at));
            }
        }
        Service written = cluster.writeRecord(rollback.service(), claimed.build());
        LOG.info("preparing {} of {} before switching back ({})", rollback.to().wire(), request.service(),
                request.cause().summary());
        return flushQuietly(written);
    }

    private void switchBack(RollbackRequest request, Service observed, RollbackDecision.Rollback rollback,
            Instant decidedAt, boolean announce) {
        Instant switchedAt = clock.instant();
        ReleaseRecord live = rollback.live();
        ReleaseRecord.Builder restored = rollback.restored(switchedAt).toBuilder();
        if (announce) {
            restored.publish(RollbackEvents.started(request, live, decidedAt));
            if (live.rollout() != null) {
                restored.publish(RollbackEvents.cancelled(request, live.rollout(), live, rollback.to(), switchedAt));
            }
        }
        restored.publish(RollbackEvents.completed(request, live, decidedAt, switchedAt));
        Service after = cluster.writeRecord(observed, restored.build());
        Instant onset = request.faultOnsetAt() != null ? request.faultOnsetAt() : request.detectedAt();
        Timer.builder("switchback.rollback.duration")
                .description("Fault onset (or the request, for a manual rollback) to traffic switched")
                .tags(tags(request))
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10),
                        Duration.ofSeconds(30), Duration.ofSeconds(60))
                .register(meters).record(Duration.between(onset, switchedAt));
        count(request, "completed");
        LOG.info("rolled {} back from {} to {} ({}): {}", request.service(), rollback.from().wire(),
                rollback.to().wire(), live.previousImage(), request.cause().summary());
        flushQuietly(after);
        // after the traffic is back, never before: a database rollback must not delay the application's
        hooks.start(request, live);
    }

    private void fail(RollbackRequest request, Service observed, ReleaseRecord record, String reason) {
        LOG.error("rollback of {} failed, a person must act (docs/operations.md): {}", request.service(), reason);
        count(request, "failed");
        Service after = cluster.writeRecord(observed, record.toBuilder().rollback(null).lock(null)
                .publish(RollbackEvents.failed(request, record, reason, record.liveColor(), clock.instant())).build());
        flushQuietly(after);
    }

    /** Publishes this controller's outbox entries now; if Kafka does not take them, the repairs try again. */
    private Service flushQuietly(Service service) {
        try {
            return outbox.flush(service);
        } catch (RuntimeException e) {
            LOG.warn("rollback events of {} not published yet, retried: {}", service.getMetadata().getName(),
                    e.getMessage());
            return service;
        }
    }

    private void count(RollbackRequest request, String outcome) {
        meters.counter("switchback.rollbacks", tags(request).and("outcome", outcome)).increment();
    }

    private static Tags tags(RollbackRequest request) {
        return Tags.of("environment", request.environment(), "service", request.service(),
                "trigger", request.cause().trigger().wire());
    }

    private static void pause() {
        try {
            Thread.sleep(LOCK_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("interrupted while the Service was locked", e);
        }
    }
}
