package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.switchback.cluster.BlueGreen;
import io.switchback.cluster.BlueGreenCluster;
import io.switchback.cluster.ConcurrentChangeException;
import io.switchback.cluster.FollowersReady;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.Rollout;
import io.switchback.cluster.Verification;
import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildOrder;
import io.switchback.events.DeploymentRetryRequested;
import io.switchback.events.DeploymentReady;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.DeploymentStage;
import io.switchback.events.HealthBreached;
import io.switchback.events.HealthSoakPassed;
import io.switchback.events.PromotionApproved;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.VerificationRecorded;
import io.switchback.events.SwitchbackEvent;
import io.switchback.platform.EventPublisher;
import io.switchback.platform.TransientFailureException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes builds, promotions and commands off the listeners: plans against the Service as it is, and either says
 * why not ({@code deployment.skipped}), or records the rollout (or the promotion waiting for approval) on the
 * Service with its event in the outbox, in one guarded write, and hands the Service to the controller. Bounded
 * work: the rollout itself runs in the controller, never on a listener thread.
 */
class Intake {

    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    private static final int ATTEMPTS_ON_CONCURRENT_CHANGE = 3;

    private final BlueGreenCluster cluster;
    private final RolloutPlanner planner;
    private final PromotionPlanner promotions;
    private final DeploymentEvents events;
    private final EventPublisher publisher;
    private final ReleaseController controller;
    private final Clock clock;

    Intake(BlueGreenCluster cluster, RolloutPlanner planner, PromotionPlanner promotions, String environment,
            EventPublisher publisher, ReleaseController controller, Clock clock) {
        this.cluster = cluster;
        this.planner = planner;
        this.promotions = promotions;
        this.events = new DeploymentEvents(environment);
        this.publisher = publisher;
        this.controller = controller;
        this.clock = clock;
    }

    void build(BuildCompleted build) {
        take(build, build.service(), build.image(), service -> planner.plan(build, service, clock.instant()));
    }

    void retry(DeploymentRetryRequested retry) {
        take(retry, retry.service(), null, service -> planner.plan(retry, service, clock.instant()));
    }

    void promote(DeploymentStable stable) {
        take(stable, stable.service(), stable.image(), service -> promotions.plan(stable, service, clock.instant()));
    }

    void approve(PromotionApproved approval) {
        take(approval, approval.service(), null, service -> promotions.plan(approval, service, clock.instant()));
    }

    void verify(VerificationRecorded verification) {
        take(verification, verification.service(), null,
                service -> promotions.plan(verification, service, clock.instant()));
    }

    /** Notes on the Service that the environment's lead cluster switched to a release, so this one may follow. */
    void leadSwitched(DeploymentTrafficSwitched switched) {
        note(switched.service(), switched.deploymentId(), ReleaseRecord::leadSwitched,
                (record, id) -> record.leadSwitched(id), "the lead cluster switched to");
    }

    /** Notes on the Service that the lead cluster rolled a release back, so this one never switches to it. */
    void leadRolledBack(RollbackCompleted rollback) {
        note(rollback.service(), rollback.deploymentId(), ReleaseRecord::leadRolledBack,
                (record, id) -> record.leadRolledBack(id), "the lead cluster rolled back");
    }

    /**
     * Notes on the Service that this cluster's health monitor passed a release's soak, so it may become stable; or,
     * for the canary running here, its canary, so its swap may go on.
     */
    void soakPassed(HealthSoakPassed passed) {
        change(passed.service(), record -> {
            Rollout rollout = record.rollout();
            boolean canary = rollout != null && rollout.canaryRunning()
                    && rollout.deploymentId().equals(passed.deploymentId());
            if (canary ? rollout.canary().passed() : passed.deploymentId().equals(record.soakPassed())) {
                return Optional.empty();
            }
            ReleaseRecord.Builder next = record.toBuilder();
            if (canary) {
                next.rollout(rollout.withCanaryPassed());
            } else {
                next.soakPassed(passed.deploymentId());
            }
            return Optional.of(new Change(next.build(), () -> LOG.info("the health monitor passed the {} of {} of {}",
                    canary ? "canary" : "soak", passed.deploymentId(), passed.service())));
        });
    }

    /**
     * A breach of a release whose canary runs here, seen by the health monitor of any cluster of the environment:
     * the canary fails in this cluster too. One guarded write points the selector back at the live colour alone
     * (traffic never left it) and records the failure with {@code deployment.failed} (stage canary); the
     * controller then scales the canary's pods down. A breach of anything else is not the deployer's.
     */
    void canaryBreached(HealthBreached breach) {
        change(breach.service(), record -> {
            Rollout rollout = record.rollout();
            if (rollout == null || !rollout.canaryRunning() || !rollout.deploymentId().equals(breach.deploymentId())) {
                return Optional.empty();
            }
            String reason = "the canary breached " + breach.check().wire() + " (" + breach.reason() + "); the live"
                    + " colour " + record.liveColor().wire() + " serves alone again";
            return Optional.of(new Change(record.toBuilder().rollout(null).lastFailed(rollout)
                    .publish(events.failed(breach.service(), rollout, DeploymentStage.CANARY, reason, null, record,
                            clock.instant())).build(),
                    () -> LOG.warn("{}: canary {} removed: {}", breach.service(), rollout.deploymentId(), reason)));
        });
    }

    /** Notes on the Service that a cluster this one switches with reported a release ready. */
    void followerReady(DeploymentReady ready, String from) {
        change(ready.service(), record -> FollowersReady.missing(record.followersReady(), ready.deploymentId(),
                List.of(from)).isEmpty() ? Optional.empty()
                : Optional.of(new Change(record.toBuilder().followersReady(FollowersReady.with(record.followersReady(),
                        ready.deploymentId(), from)).build(),
                        () -> LOG.info("{} reported {} of {} ready", from, ready.deploymentId(), ready.service()))));
    }

    /** Records on the Service a fact heard from another service about one release, and looks at it again. */
    private void note(String name, String deploymentId, Function<ReleaseRecord, String> noted,
            BiFunction<ReleaseRecord.Builder, String, ReleaseRecord.Builder> note, String what) {
        change(name, record -> deploymentId.equals(noted.apply(record)) ? Optional.empty()
                : Optional.of(new Change(note.apply(record.toBuilder(), deploymentId).build(),
                        () -> LOG.info("{} {} of {}", what, deploymentId, name))));
    }

    /** A change to a Service's record, and what to say once it is written. */
    private record Change(ReleaseRecord next, Runnable written) {
    }

    /**
     * Reads the managed Service's record fresh, asks {@code decide} what to change (empty: nothing), writes it in one
     * guarded write and has the controller look at the Service again.
     */
    private void change(String name, Function<ReleaseRecord, Optional<Change>> decide) {
        onFreshService(name, service -> {
            Optional<ReleaseRecord> record = BlueGreen.isManaged(service) ? ReleaseRecord.of(service) : Optional.empty();
            record.flatMap(decide).ifPresent(change -> {
                cluster.writeRecord(service, change.next());
                change.written().run();
                controller.enqueue(name, Duration.ZERO);
            });
        });
    }

    private void take(SwitchbackEvent cause, String name, String image, Function<Service, Intent> plan) {
        onFreshService(name, service -> act(cause, name, image, service, plan.apply(service)));
    }

    /** Reads the Service and acts on it; a concurrent change (409) makes it read and act again, a few times. */
    private void onFreshService(String name, Consumer<Service> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                action.accept(cluster.service(name));
                return;
            } catch (ConcurrentChangeException e) {
                if (attempt == ATTEMPTS_ON_CONCURRENT_CHANGE) {
                    throw new TransientFailureException("Service " + name + " kept changing", e);
                }
            }
        }
    }

    private void act(SwitchbackEvent cause, String name, String image, Service service, Intent intent) {
        if (intent instanceof Intent.Ignore ignore) {
            LOG.info("{} {} for {}: nothing to do: {}", cause.type().ceType(), cause.eventId(), name, ignore.reason());
        } else if (intent instanceof Intent.Skip skip) {
            String live = service == null ? null : ReleaseRecord.of(service).map(ReleaseRecord::deploymentId).orElse(null);
            publisher.publish(events.skipped(name, cause, skip.deploymentId(), image, skip.reason(), live,
                    clock.instant()));
            LOG.info("{} {} for {}: skipped: {}", cause.type().ceType(), cause.eventId(), name, skip.reason());
        } else if (intent instanceof Intent.Wait wait) {
            throw new TransientFailureException(wait.reason(), null);
        } else if (intent instanceof Intent.Hold hold) {
            hold(name, service, hold);
        } else if (intent instanceof Intent.Start start) {
            start(name, service, start, next -> { });
        } else if (intent instanceof Intent.CanaryFirst first) {
            ReleaseRecord live = ReleaseRecord.of(service).orElseThrow();
            start(name, service, new Intent.Start(first.rollout(), first.supersedes()), next -> next.publish(
                    events.promotionPending(name, first.rollout(), first.upstreamEnvironment(),
                            first.upstreamDeploymentId(), "canary, approval", live)));
        } else if (intent instanceof Intent.Approve approve) {
            Rollout approved = approve.approved();
            cluster.writeRecord(service, ReleaseRecord.of(service).orElseThrow().toBuilder().rollout(approved).build());
            LOG.info("{} approved by {}: it swaps after its canary", approved.deploymentId(),
                    approved.approval().approvedBy());
            controller.enqueue(name, Duration.ZERO);
        } else if (intent instanceof Intent.Verified verified) {
            verified(name, service, verified);
        }
    }

    private void verified(String name, Service service, Intent.Verified verified) {
        Verification kept = verified.verification();
        LOG.info("verification {} of build {} of {}: {}{}", kept.check(), kept.buildEventId(), name,
                kept.outcome().wire(), verified.start() == null ? "" : "; the last gate of " + verified.start().deploymentId());
        if (verified.start() != null) {
            start(name, service, new Intent.Start(verified.start(), null), next -> next.verified(kept));
        } else {
            cluster.writeRecord(service, ReleaseRecord.of(service).orElseThrow().toBuilder().verified(kept).build());
        }
    }

    private void hold(String name, Service service, Intent.Hold hold) {
        Rollout candidate = hold.candidate();
        ReleaseRecord record = ReleaseRecord.of(service).orElseThrow();
        ReleaseRecord.Builder next = record.toBuilder().pending(candidate)
                .buildOrder(newer(candidate.buildOrder(), record.buildOrder()));
        Rollout old = hold.supersedes();
        supersede(next, name, old, candidate);
        cluster.writeRecord(service, next.publish(events.promotionPending(name, candidate, hold.upstreamEnvironment(),
                hold.upstreamDeploymentId(), hold.waitingFor(), record)).build());
        LOG.info("{} ({}, stable in {}) waits for {} as {}{}", candidate.image(), hold.upstreamDeploymentId(),
                hold.upstreamEnvironment(), hold.waitingFor(), candidate.deploymentId(),
                old == null ? "" : ", superseding " + old.deploymentId());
        controller.enqueue(name, Duration.ZERO);
    }

    /** @param also what else the same write records */
    private void start(String name, Service service, Intent.Start start, Consumer<ReleaseRecord.Builder> also) {
        Rollout rollout = start.rollout();
        ReleaseRecord record = withLiveImage(name, ReleaseRecord.of(service).orElseThrow());
        ReleaseRecord.Builder next = record.toBuilder().rollout(rollout)
                .buildOrder(newer(rollout.buildOrder(), record.buildOrder()));
        also.accept(next);
        if (record.pending() != null && record.pending().deploymentId().equals(rollout.deploymentId())) {
            next.pending(null);
        }
        Rollout old = start.supersedes();
        supersede(next, name, old, rollout);
        // the controller publishes deployment.started from the outbox, after this write, whatever dies now
        cluster.writeRecord(service, next.publish(events.started(name, rollout, record)).build());
        LOG.info("rolling {} out to {} as {}{}", rollout.image(), rollout.color().wire(), rollout.deploymentId(),
                old == null ? "" : ", superseding " + old.deploymentId());
        controller.enqueue(name, Duration.ZERO);
    }

    /** Announces with the change that {@code old}, if any, will never be rolled out: {@code by} replaced it. */
    private void supersede(ReleaseRecord.Builder next, String name, Rollout old, Rollout by) {
        if (old != null) {
            next.publish(events.superseded(name, old.deploymentId(), old.image(), by.deploymentId(), by.startedAt()));
        }
    }

    private static BuildOrder newer(BuildOrder taken, BuildOrder before) {
        return before == null || taken.compareTo(before) > 0 ? taken : before;
    }

    /** The team's own first release has no image recorded: the live Deployment says which it is. */
    private ReleaseRecord withLiveImage(String name, ReleaseRecord record) {
        if (record.liveImage() != null) {
            return record;
        }
        Deployment live = cluster.deployment(name, record.liveColor());
        return live == null ? record : record.toBuilder().live(record.deploymentId(), record.liveColor(),
                BlueGreen.imageOf(live), record.switchedAt(), record.phase(), record.rollbackWindowEndsAt()).build();
    }
}
