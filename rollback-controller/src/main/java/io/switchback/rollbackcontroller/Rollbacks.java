package io.switchback.rollbackcontroller;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.switchback.cluster.ClusterProperties;
import io.switchback.cluster.ClusterRetry;
import io.switchback.cluster.DeploymentReadiness;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.TrafficSwitch;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackFailed;
import io.switchback.events.RollbackSkipped;
import io.switchback.events.RollbackStarted;
import io.switchback.events.RollbackTimings;
import io.switchback.platform.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out a rollback: re-read the Service, decide, make sure the previous colour is ready (scaling it
 * up first if it was scaled down), switch the selector back, record it. Traffic never moves to pods that
 * are not ready; when it cannot move, {@code rollback.failed} says why and a person takes over.
 */
@Component
class Rollbacks {

    private static final Logger LOG = LoggerFactory.getLogger(Rollbacks.class);
    private static final int ATTEMPTS_ON_CONCURRENT_CHANGE = 3;

    private final KubernetesClient client;
    private final ClusterRetry retry;
    private final TrafficSwitch traffic;
    private final EventPublisher events;
    private final Duration readyTimeout;
    private final String namespace;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    Rollbacks(KubernetesClient client, ClusterRetry retry, TrafficSwitch traffic, EventPublisher events,
            ClusterProperties cluster, RollbackProperties properties, MeterRegistry meters) {
        this.client = client;
        this.retry = retry;
        this.traffic = traffic;
        this.events = events;
        this.readyTimeout = properties.readyTimeout();
        this.namespace = cluster.kubernetes().namespace();
        this.meters = meters;
    }

    void handle(RollbackRequest request) {
        for (int attempt = 1; ; attempt++) {
            Instant decidedAt = clock.instant();
            Service service = retry.call(() -> client.services().inNamespace(namespace).withName(request.service()).get());
            RollbackDecision decision = RollbackDecision.decide(request, service);
            if (decision instanceof RollbackDecision.Skip skip) {
                skip(request, skip);
                return;
            }
            try {
                execute(request, (RollbackDecision.Rollback) decision, decidedAt, attempt == 1);
                return;
            } catch (TrafficSwitch.ConcurrentChangeException e) {
                if (attempt == ATTEMPTS_ON_CONCURRENT_CHANGE) {
                    fail(request, (RollbackDecision.Rollback) decision, "the Service kept changing: " + e.getMessage());
                    return;
                }
                LOG.info("Service {} changed while rolling back; deciding again", request.service());
            }
        }
    }

    private void execute(RollbackRequest request, RollbackDecision.Rollback rollback, Instant decidedAt,
            boolean announce) {
        // announced without waiting for the acknowledgement; confirmed before anything is reported after it
        RollbackStarted started = new RollbackStarted(id(), clock.instant(), request.environment(), request.service(),
                rollback.live().deploymentId(), rollbackId(request), request.cause(), rollback.from(), rollback.to());
        var announced = announce ? events.send(started) : null;
        String notReady = ensureReady(request.service(), rollback);
        if (announced != null) {
            events.confirm(started, announced);
        }
        if (notReady != null) {
            fail(request, rollback, notReady);
            return;
        }
        Instant switchedAt = clock.instant();
        traffic.pointAt(rollback.service(), rollback.restored(switchedAt));
        Instant acknowledgedAt = clock.instant();
        Instant onset = request.faultOnsetAt() != null ? request.faultOnsetAt() : request.detectedAt();
        Timer.builder("switchback.rollback.duration")
                .description("Fault onset (or the request, for a manual rollback) to traffic switched")
                .tags(tags(request))
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10),
                        Duration.ofSeconds(30), Duration.ofSeconds(60))
                .register(meters).record(Duration.between(onset, acknowledgedAt));
        count(request, "completed");
        LOG.info("rolled {} back from {} to {} ({}): {}", request.service(), rollback.from().wire(),
                rollback.to().wire(), rollback.live().previousImage(), request.cause().summary());
        events.publish(new RollbackCompleted(id(), clock.instant(), request.environment(), request.service(),
                rollback.live().deploymentId(), rollbackId(request), request.cause(), rollback.from(), rollback.to(),
                rollback.live().previousImage(),
                new RollbackTimings(request.faultOnsetAt(), request.detectedAt(), decidedAt, acknowledgedAt)));
    }

    /** @return null when the previous colour is ready (after scaling it up if needed), else why not */
    private String ensureReady(String service, RollbackDecision.Rollback rollback) {
        String previous = service + "-" + rollback.to().wire();
        Deployment deployment = retry.call(() -> client.apps().deployments().inNamespace(namespace).withName(previous).get());
        if (deployment == null) {
            return "the previous colour's Deployment " + previous + " does not exist";
        }
        if (DeploymentReadiness.isReady(deployment) && replicas(deployment) > 0) {
            return null;
        }
        if (replicas(deployment) == 0) {
            int replicas = liveReplicas(service + "-" + rollback.from().wire());
            LOG.info("scaling {} up to {} before switching back", previous, replicas);
            retry.run(() -> client.apps().deployments().inNamespace(namespace).withName(previous).scale(replicas));
        }
        try {
            client.apps().deployments().inNamespace(namespace).withName(previous)
                    .waitUntilCondition(DeploymentReadiness::isReady, readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (KubernetesClientTimeoutException e) {
            Deployment now = client.apps().deployments().inNamespace(namespace).withName(previous).get();
            return previous + " is not ready (" + DeploymentReadiness.progress(now) + " after "
                    + readyTimeout.toSeconds() + "s): traffic left where it was";
        }
    }

    /** As many replicas as the live colour runs, at least one. */
    private int liveReplicas(String live) {
        Deployment deployment = retry.call(() -> client.apps().deployments().inNamespace(namespace).withName(live).get());
        return Math.max(1, deployment == null ? 1 : replicas(deployment));
    }

    private static int replicas(Deployment deployment) {
        return Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    }

    private void skip(RollbackRequest request, RollbackDecision.Skip skip) {
        LOG.info("not rolling {} back: {}", request.service(), skip.reason());
        count(request, "skipped");
        String deploymentId = request.deploymentId() != null ? request.deploymentId()
                : Objects.requireNonNullElse(skip.liveDeploymentId(), "none");
        events.publish(new RollbackSkipped(id(), clock.instant(), request.environment(), request.service(), deploymentId,
                request.cause(), skip.reason(), skip.liveDeploymentId()));
    }

    private void fail(RollbackRequest request, RollbackDecision.Rollback rollback, String reason) {
        LOG.error("rollback of {} failed, a person must act (docs/operations.md): {}", request.service(), reason);
        count(request, "failed");
        Service now = client.services().inNamespace(namespace).withName(request.service()).get();
        events.publish(new RollbackFailed(id(), clock.instant(), request.environment(), request.service(),
                rollback.live().deploymentId(), rollbackId(request), request.cause(), reason,
                now == null ? null : ReleaseRecord.of(now).map(ReleaseRecord::liveColor).orElse(null)));
    }

    private void count(RollbackRequest request, String outcome) {
        meters.counter("switchback.rollbacks", tags(request).and("outcome", outcome)).increment();
    }

    private static Tags tags(RollbackRequest request) {
        return Tags.of("environment", request.environment(), "service", request.service(),
                "trigger", request.cause().trigger().wire());
    }

    private static String rollbackId(RollbackRequest request) {
        return "rb-" + request.cause().causeEventId();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
