package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchback.cluster.ClusterProperties;
import io.switchback.cluster.ClusterRetry;
import io.switchback.cluster.DeploymentReadiness;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.TrafficSwitch;
import io.switchback.events.BuildCompleted;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentReady;
import io.switchback.events.DeploymentStage;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentTrafficSwitched;
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
 * Runs a blue-green rollout: plan from the cluster as it is, put the new image on the idle colour, wait
 * until it is ready, check it, switch the Service, record the release. Any failure leaves traffic where it
 * was, scales the idle colour down and says why in {@code deployment.failed}.
 */
@Component
class Rollouts {

    private static final Logger LOG = LoggerFactory.getLogger(Rollouts.class);

    private final KubernetesClient client;
    private final ClusterRetry retry;
    private final TrafficSwitch traffic;
    private final EventPublisher events;
    private final PreSwitchCheck preSwitchCheck;
    private final RolloutPlanner planner;
    private final DeployerProperties properties;
    private final String environment;
    private final String namespace;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    Rollouts(KubernetesClient client, ClusterRetry retry, TrafficSwitch traffic, EventPublisher events,
            ClusterProperties cluster, DeployerProperties properties, MeterRegistry meters) {
        this.client = client;
        this.retry = retry;
        this.traffic = traffic;
        this.events = events;
        this.properties = properties;
        this.meters = meters;
        this.environment = cluster.environment();
        this.namespace = cluster.kubernetes().namespace();
        this.planner = new RolloutPlanner(environment, properties.branches());
        this.preSwitchCheck = new PreSwitchCheck(client, properties.preSwitchHealthPath());
    }

    void handle(BuildCompleted build) {
        Service service = retry.call(() -> client.services().inNamespace(namespace).withName(build.service()).get());
        Deployment live = service == null ? null : ReleaseRecord.of(service)
                .map(r -> retry.call(() -> client.apps().deployments().inNamespace(namespace)
                        .withName(build.service() + "-" + r.liveColor().wire()).get()))
                .orElse(null);
        RolloutPlan plan = planner.plan(build, service, live);
        if (plan instanceof RolloutPlan.Skip skip) {
            LOG.info("build {} of {} ({}): not deploying to {}: {}", build.eventId(), build.service(), build.image(),
                    environment, skip.reason());
            return;
        }
        execute((RolloutPlan.Rollout) plan);
    }

    private void execute(RolloutPlan.Rollout rollout) {
        Instant started = clock.instant();
        BuildCompleted build = rollout.build();
        events.publish(new DeploymentStarted(id(), started, environment, build.service(), rollout.deploymentId(),
                build.image(), build.commit(), build.eventId(), rollout.idleColor(), rollout.live().liveColor(),
                rollout.liveImage(), null));
        DeploymentStage stage = DeploymentStage.ROLLOUT;
        try {
            applyIdleColour(rollout);
            stage = DeploymentStage.READINESS;
            Deployment ready = awaitReady(rollout);
            events.publish(new DeploymentReady(id(), clock.instant(), environment, build.service(),
                    rollout.deploymentId(), rollout.idleColor(), build.image(),
                    Objects.requireNonNullElse(ready.getStatus().getReadyReplicas(), 0),
                    Duration.between(started, clock.instant()).toMillis()));
            stage = DeploymentStage.PRE_SWITCH_CHECKS;
            preSwitchCheck.failures(namespace, build.service(), rollout.idleColor()).ifPresent(failure -> {
                throw new RolloutFailure(DeploymentStage.PRE_SWITCH_CHECKS, failure);
            });
            stage = DeploymentStage.TRAFFIC_SWITCH;
            switchTraffic(rollout);
            meters.counter("switchback.rollouts", "environment", environment, "service", rollout.build().service(), "outcome", "switched").increment();
        } catch (EventPublisher.EventNotAcknowledgedException e) {
            throw e; // not a rollout failure: the record is redelivered and the rollout resumes from the cluster
        } catch (RuntimeException e) {
            fail(rollout, stage, e instanceof RolloutFailure ? e.getMessage() : e.toString());
        }
    }

    private void applyIdleColour(RolloutPlan.Rollout rollout) {
        Deployment desired = IdleColourDeployment.desired(rollout.liveDeployment(), rollout.build().service(),
                rollout.idleColor(), rollout.build().image(), rollout.deploymentId());
        Deployment existing = retry.call(() -> client.apps().deployments().inNamespace(namespace)
                .withName(rollout.idleDeploymentName()).get());
        if (IdleColourDeployment.matches(existing, desired)) {
            return;
        }
        if (existing == null) {
            retry.call(() -> client.apps().deployments().inNamespace(namespace).resource(desired).create());
        } else {
            retry.call(() -> client.apps().deployments().inNamespace(namespace).withName(rollout.idleDeploymentName())
                    .edit(d -> {
                        d.setSpec(desired.getSpec());
                        d.getMetadata().setLabels(desired.getMetadata().getLabels());
                        desired.getMetadata().getAnnotations().forEach((k, v) -> d.getMetadata().getAnnotations().put(k, v));
                        return d;
                    }));
        }
    }

    private Deployment awaitReady(RolloutPlan.Rollout rollout) {
        try {
            return client.apps().deployments().inNamespace(namespace).withName(rollout.idleDeploymentName())
                    .waitUntilCondition(DeploymentReadiness::isReady, properties.progressDeadline().toMillis(),
                            TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            Deployment current = client.apps().deployments().inNamespace(namespace)
                    .withName(rollout.idleDeploymentName()).get();
            throw new RolloutFailure(DeploymentStage.READINESS, DeploymentReadiness.progress(current) + " after the "
                    + properties.progressDeadline().toSeconds() + "s progress deadline");
        }
    }

    /** Re-reads the Service: if it changed since the plan, someone else acted, and this rollout stops. */
    private void switchTraffic(RolloutPlan.Rollout rollout) {
        Service now = retry.call(() -> client.services().inNamespace(namespace).withName(rollout.build().service()).get());
        ReleaseRecord current = now == null ? null : ReleaseRecord.of(now).orElse(null);
        if (current == null || current.liveColor() != rollout.live().liveColor()) {
            throw new RolloutFailure(DeploymentStage.TRAFFIC_SWITCH, "the Service changed during the rollout");
        }
        Instant switchedAt = clock.instant();
        ReleaseRecord release = new ReleaseRecord(rollout.deploymentId(), rollout.idleColor(), rollout.build().image(),
                rollout.live().liveColor(), rollout.liveImage(), rollout.live().deploymentId(),
                switchedAt.plus(properties.rollbackWindow()), switchedAt, null);
        traffic.pointAt(now, release);
        LOG.info("{} now serves {} ({}) on {}", rollout.build().service(), rollout.build().image(),
                rollout.deploymentId(), rollout.idleColor().wire());
        events.publish(new DeploymentTrafficSwitched(id(), clock.instant(), environment, rollout.build().service(),
                rollout.deploymentId(), rollout.idleColor(), rollout.build().image(), rollout.live().liveColor(),
                rollout.liveImage(), release.rollbackWindowEndsAt()));
    }

    private void fail(RolloutPlan.Rollout rollout, DeploymentStage stage, String reason) {
        LOG.warn("deployment {} failed at {}: {}", rollout.deploymentId(), stage.wire(), reason);
        meters.counter("switchback.rollouts", "environment", environment, "service", rollout.build().service(), "outcome", "failed").increment();
        try {
            retry.run(() -> client.apps().deployments().inNamespace(namespace).withName(rollout.idleDeploymentName())
                    .scale(0));
        } catch (RuntimeException e) {
            LOG.warn("could not scale {} down: {}", rollout.idleDeploymentName(), e.toString());
        }
        events.publish(new DeploymentFailed(id(), clock.instant(), environment, rollout.build().service(),
                rollout.deploymentId(), rollout.build().image(), stage, reason, rollout.live().liveColor()));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
