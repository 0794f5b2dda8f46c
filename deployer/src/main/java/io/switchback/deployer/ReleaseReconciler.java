package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchback.cluster.BlueGreen;
import io.switchback.cluster.ColourDeployment;
import io.switchback.cluster.BlueGreenCluster;
import io.switchback.cluster.ConcurrentChangeException;
import io.switchback.cluster.OutboxPublisher;
import io.switchback.cluster.Phase;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.Rollout;
import io.switchback.cluster.ServiceLock;
import io.switchback.events.Color;
import io.switchback.events.DeploymentStage;
import io.switchback.events.HookRun;
import io.switchback.platform.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over one Service: read it and both colours fresh, take the step {@link ReleaseSteps} decides,
 * publish what the change recorded in the outbox. Every change to a Deployment happens under the Service's
 * lock; every change to the record is guarded by the resourceVersion read, so a concurrent change (another
 * replica, the rollback controller, a person) makes the next pass decide again from what is there.
 */
class ReleaseReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseReconciler.class);
    private static final Duration SOON = Duration.ofMillis(250);
    private static final Duration SAFETY_NET = Duration.ofSeconds(1);
    private static final int DEPLOYMENT_WRITE_ATTEMPTS = 3;
    private static final Duration PASS_EXPECTED_WITHIN = Duration.ofSeconds(30);

    private final BlueGreenCluster cluster;
    private final ServiceLock lock;
    private final OutboxPublisher outbox;
    private final PreSwitchCheck preSwitchCheck;
    private final DeploymentEvents events;
    private final EventPublisher publisher;
    private final DeployerProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String environment;
    private final String holder;
    private final Set<String> announcedReady = ConcurrentHashMap.newKeySet();
    private final Set<String> waitingLogged = ConcurrentHashMap.newKeySet();
    private final ReleaseSteps.Policy policy;
    private final PreSwapHooks hooks;

    ReleaseReconciler(BlueGreenCluster cluster, OutboxPublisher outbox, PreSwitchCheck preSwitchCheck,
            EventPublisher publisher, DeployerProperties properties, Clock clock, MeterRegistry meters,
            String environment, String holder) {
        this.cluster = cluster;
        this.lock = new ServiceLock(cluster);
        this.outbox = outbox;
        this.preSwitchCheck = preSwitchCheck;
        this.events = new DeploymentEvents(environment);
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.environment = environment;
        this.holder = holder;
        this.policy = new ReleaseSteps.Policy(properties.trafficDrain(), properties.lead()
                .map(name -> new ReleaseSteps.Lead(name, properties.switchAfterTimeout())).orElse(null),
                properties.canary(), properties.approvalAtSwap(), properties.switchWith().isEmpty() ? null
                        : new ReleaseSteps.Followers(properties.switchWith(), properties.switchAfterTimeout()));
        this.hooks = new PreSwapHooks(cluster, properties.hookDeadline());
    }

    /** @return when to look at the Service again, if anything is pending that no watch will announce */
    Optional<Duration> reconcile(String name) {
        Service service = cluster.service(name);
        Optional<ReleaseRecord> found = BlueGreen.isManaged(service) ? ReleaseRecord.of(service) : Optional.empty();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ReleaseRecord record = found.get();
        Color live = record.liveColor();
        Deployment liveDeployment = cluster.deployment(name, live);
        Deployment idle = cluster.deployment(name, live.other());
        Instant at = clock.instant();
        HookState hook = record.rollout() == null ? new HookState.None() : hooks.state(name, record.rollout(), at);
        Step step = ReleaseSteps.next(name, record, liveDeployment, idle, at, holder, policy, hook);
        Optional<Duration> again = act(name, service, record, step);
        Service now = cluster.service(name);
        if (now != null && outbox.hasEntries(now) && ReleaseRecord.of(now).map(r -> r.rollback() == null
                && !r.lockedAgainst(holder, clock.instant())).orElse(false)) {
            outbox.flush(now);
        }
        return again;
    }

    private Optional<Duration> act(String name, Service service, ReleaseRecord record, Step step) {
        if (step instanceof Step.Wait) {
            return Optional.of(SOON);
        }
        if (step instanceof Step.AwaitReady || step instanceof Step.AwaitHook) {
            return Optional.of(SAFETY_NET);
        }
        if (step instanceof Step.AwaitCanaryVerdict verdict) {
            return awaitVerdict(verdict.endedAt(), verdict.rollout().deploymentId() + "#canary", name
                    + ": the canary " + verdict.rollout().deploymentId() + " ended at " + verdict.endedAt()
                    + " and this cluster's health monitor has not passed it (health.soak-passed): it serves on,"
                    + " judged, and nothing swaps");
        }
        if (step instanceof Step.AwaitApproval waiting) {
            if (waitingLogged.add(waiting.rollout().deploymentId())) {
                LOG.info("{}: the canary {} passed its time and serves on; its swap waits for an approval", name,
                        waiting.rollout().deploymentId());
            }
            return Optional.empty();
        }
        if (step instanceof Step.AwaitCanary canary) {
            Duration left = Duration.between(clock.instant(), canary.endsAt());
            return Optional.of(left.isNegative() ? Duration.ZERO : left);
        }
        if (step instanceof Step.StartCanary canary) {
            startCanary(name, service, record, canary);
            return Optional.of(Duration.ZERO);
        }
        if (step instanceof Step.StartHook start) {
            announceReady(name, start.rollout(), start.ready());
            Optional<HookRun> unusable = hooks.start(name, start.rollout(), record, start.template(), clock.instant());
            unusable.ifPresent(run -> fail(name, service, record, ReleaseSteps.hookFailed(start.rollout(), run)));
            return Optional.of(unusable.isPresent() ? Duration.ZERO : SAFETY_NET);
        }
        if (step instanceof Step.AwaitCluster wait) {
            awaitCluster(name, wait);
            return Optional.of(SAFETY_NET);
        }
        if (step instanceof Step.HoldSoak hold) {
            return awaitVerdict(record.rollbackWindowEndsAt(), record.deploymentId(), name + ": " + hold.why());
        }
        if (step instanceof Step.Apply apply) {
            locked(service, record, () -> apply(name, apply.desired()));
            return Optional.of(SOON);
        }
        if (step instanceof Step.CheckAndSwitch ready) {
            checkAndSwitch(name, service, record, ready);
        } else if (step instanceof Step.Fail fail) {
            fail(name, service, record, fail);
        } else if (step instanceof Step.EndSoak) {
            endSoak(name, service, record);
        } else if (step instanceof Step.ScaleDownIdle down) {
            LOG.info("scaling {} down: {}", down.idle().getMetadata().getName(), down.why());
            locked(service, record, () -> scaleDownIfIdle(name, down.idle().getMetadata().getName(), null));
        } else {
            return Optional.empty();
        }
        return Optional.of(Duration.ZERO);
    }

    private void checkAndSwitch(String name, Service service, ReleaseRecord record, Step.CheckAndSwitch step) {
        Rollout rollout = step.rollout();
        if (!readyAndChecked(name, service, record, rollout, step.ready())) {
            return;
        }
        Instant at = clock.instant();
        ReleaseRecord switched = record.toBuilder()
                .live(rollout.deploymentId(), rollout.color(), rollout.image(), at, Phase.SOAKING,
                        at.plus(properties.rollbackWindow()))
                .previous(record.liveColor(), record.liveImage(), record.deploymentId())
                .rolledBack(null).rollout(null).lastFailed(null).liveRollout(rollout).build();
        ReleaseRecord.Builder withEvents = switched.toBuilder().publish(events.switched(name, switched, step.hook()));
        if (record.soaking()) {
            withEvents.publish(events.superseded(name, record.deploymentId(), record.liveImage(),
                    rollout.deploymentId(), at));
        }
        cluster.writeRecord(service, withEvents.build());
        announcedReady.remove(rollout.deploymentId());
        waitingLogged.remove(rollout.deploymentId());
        count(name, "switched");
        meters.timer("switchback.rollout.duration", "environment", environment, "service", name)
                .record(Duration.between(rollout.startedAt(), at));
        LOG.info("{} now serves {} ({}) on {}", name, rollout.image(), rollout.deploymentId(), rollout.color().wire());
    }

    /**
     * Waits for the health monitor's verdict on a time that ended at {@code ended} (a soak, a canary's): it gives it at
     * its first evaluation after, so only a longer wait is news, said once per {@code key}.
     *
     * @return when to look again, if before the wait is news
     */
    private Optional<Duration> awaitVerdict(Instant ended, String key, String news) {
        Duration overdue = Duration.between(ended.plus(PASS_EXPECTED_WITHIN), clock.instant());
        if (overdue.isNegative()) {
            return Optional.of(overdue.negated());
        }
        if (waitingLogged.add(key)) {
            LOG.warn("{}", news);
        }
        return Optional.empty();
    }

    /**
     * The canary's few pods are ready (and checked): the Service selects both colours from this write on, so they
     * take their share of the traffic, and the health monitor judges them ({@code deployment.canary-started}).
     */
    private void startCanary(String name, Service service, ReleaseRecord record, Step.StartCanary step) {
        Rollout rollout = step.rollout();
        if (!readyAndChecked(name, service, record, rollout, step.ready())) {
            return;
        }
        Instant at = clock.instant();
        Rollout canary = rollout.withCanary(at, at.plus(properties.canary().duration()));
        Deployment liveDeployment = cluster.deployment(name, record.liveColor());
        int liveReplicas = liveDeployment == null ? 0 : BlueGreen.replicasOf(liveDeployment);
        cluster.writeRecord(service, record.toBuilder().rollout(canary).publish(events.canaryStarted(name, canary,
                Objects.requireNonNullElse(step.ready().getStatus().getReadyReplicas(), 0), record.liveColor(),
                liveReplicas)).build());
        LOG.info("{}: canary {} on {} takes a share of the traffic until {}", name, rollout.deploymentId(),
                rollout.color().wire(), canary.canary().endsAt());
    }

    /**
     * Ready here, waiting for other clusters: says it is ready (the primary waits for that) and, once per rollout,
     * that it is held, for what, and until when ({@code deployment.held}).
     */
    private void awaitCluster(String name, Step.AwaitCluster wait) {
        Rollout rollout = wait.rollout();
        announceReady(name, rollout, wait.ready());
        String key = rollout.deploymentId() + "@" + String.join(",", wait.clusters());
        if (waitingLogged.add(key)) {
            outbox.publishNow(events.held(name, rollout, wait.clusters(), wait.reason(), wait.deadline(),
                    clock.instant()));
            count(name, "held");
            LOG.info("{}: {} held: {}, until {}", name, rollout.deploymentId(), wait.reason(), wait.deadline());
        }
    }

    /** Announces the colour ready and runs the pre-switch checks on it; a failing check fails the rollout. */
    private boolean readyAndChecked(String name, Service service, ReleaseRecord record, Rollout rollout,
            Deployment ready) {
        announceReady(name, rollout, ready);
        Optional<String> failure = preSwitchCheck.failures(name, rollout.color());
        failure.ifPresent(why -> fail(name, service, record,
                new Step.Fail(rollout, DeploymentStage.PRE_SWITCH_CHECKS, why, true)));
        return failure.isEmpty();
    }

    /** {@code deployment.ready}, once per rollout and deployer instance. */
    private void announceReady(String name, Rollout rollout, Deployment ready) {
        if (announcedReady.add(rollout.deploymentId())) {
            publisher.publish(events.ready(name, rollout,
                    Objects.requireNonNullElse(ready.getStatus().getReadyReplicas(), 0), clock.instant()));
        }
    }

    private void fail(String name, Service service, ReleaseRecord record, Step.Fail fail) {
        Rollout rollout = fail.rollout();
        LOG.warn("deployment {} failed at {}: {}", rollout.deploymentId(), fail.stage().wire(), fail.reason());
        ReleaseRecord failed = record.toBuilder().rollout(null).lastFailed(rollout)
                .publish(events.failed(name, rollout, fail.stage(), fail.reason(), fail.hook(), record,
                        clock.instant())).build();
        locked(service, failed, () -> {
            if (fail.scaleDown()) {
                scaleDownIfIdle(name, BlueGreen.deploymentName(name, rollout.color()), rollout.deploymentId());
            }
        });
        announcedReady.remove(rollout.deploymentId());
        waitingLogged.remove(rollout.deploymentId());
        count(name, "failed");
    }

    private void endSoak(String name, Service service, ReleaseRecord record) {
        Instant at = clock.instant();
        ReleaseRecord stable = record.toBuilder().phase(Phase.STABLE, record.rollbackWindowEndsAt())
                .publish(events.stable(name, record, at)).build();
        locked(service, stable, () -> scaleDownIfIdle(name,
                BlueGreen.deploymentName(name, record.liveColor().other()), record.previousDeploymentId()));
        waitingLogged.remove(record.deploymentId());
        LOG.info("{} is stable; the previous colour is scaled down", record.deploymentId());
    }

    /**
     * Scales a Deployment to zero, fresh-read under the lock: never the colour the Service selects now, and
     * only while it runs {@code runs} (null: whatever it runs).
     */
    private void scaleDownIfIdle(String name, String deploymentName, String runs) {
        Color color = BlueGreen.color(deploymentName.substring(name.length() + 1)).orElseThrow();
        if (BlueGreen.selectedColor(cluster.service(name)).orElse(null) == color) {
            LOG.warn("not scaling {} down: the Service selects it", deploymentName);
            return;
        }
        writeDeployment(() -> cluster.deployment(name, color), current -> {
            if (current != null && BlueGreen.replicasOf(current) > 0
                    && (runs == null || runs.equals(BlueGreen.deploymentIdOf(current)))) {
                cluster.scale(current, 0);
            }
        });
    }

    private void apply(String name, Deployment desired) {
        Color color = BlueGreen.color(desired.getMetadata().getLabels().get(BlueGreen.COLOR_LABEL)).orElseThrow();
        writeDeployment(() -> cluster.deployment(name, color), current -> {
            if (current == null) {
                cluster.create(desired);
            } else if (!ColourDeployment.matches(current, desired)) {
                cluster.replace(current, desired);
            }
        });
    }

    /** A write to a Deployment, read again when its status writer (the controller) changed it meanwhile. */
    private void writeDeployment(Supplier<Deployment> read, java.util.function.Consumer<Deployment> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.accept(read.get());
                return;
            } catch (ConcurrentChangeException e) {
                if (attempt == DEPLOYMENT_WRITE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Writes {@code changed} with the lock taken, runs the Deployment writes, releases the lock. */
    private void locked(Service observed, ReleaseRecord changed, Runnable deploymentWrites) {
        Service held = lock.acquire(observed, changed, holder, clock.instant().plus(properties.lockTimeout()));
        try {
            deploymentWrites.run();
        } finally {
            lock.release(held, holder, r -> r);
        }
    }

    private void count(String service, String outcome) {
        meters.counter("switchback.rollouts", "environment", environment, "service", service, "outcome", outcome)
                .increment();
    }
}
