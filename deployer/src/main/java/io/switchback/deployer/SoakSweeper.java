package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.cluster.ClusterProperties;
import io.switchback.cluster.ClusterRetry;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.DeploymentStable;
import io.switchback.platform.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Ends soaks: when a release's rollback window has passed, the previous colour is scaled down and the
 * release is {@code deployment.stable}. It reads the Services' records each time rather than remembering
 * timers, so a restart loses nothing.
 */
@Component
class SoakSweeper implements InitializingBean, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(SoakSweeper.class);

    private final KubernetesClient client;
    private final ClusterRetry retry;
    private final EventPublisher events;
    private final String environment;
    private final String namespace;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "soak-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    SoakSweeper(KubernetesClient client, ClusterRetry retry, EventPublisher events, ClusterProperties cluster,
            DeployerProperties properties) {
        this.client = client;
        this.retry = retry;
        this.events = events;
        this.environment = cluster.environment();
        this.namespace = cluster.kubernetes().namespace();
        this.interval = properties.soakCheckInterval();
    }

    @Override
    public void afterPropertiesSet() {
        timer.scheduleWithFixedDelay(this::sweepSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("soak sweep failed, next in {}: {}", interval, e.toString());
        }
    }

    void sweep() {
        Instant now = clock.instant();
        for (Service service : retry.call(() -> client.services().inNamespace(namespace).list().getItems())) {
            if (!ReleaseRecord.isManaged(service)) {
                continue;
            }
            ReleaseRecord.of(service).filter(r -> soakEnded(r, now)).ifPresent(r -> endSoak(service, r, now));
        }
    }

    static boolean soakEnded(ReleaseRecord release, Instant now) {
        return release.deploymentId() != null && release.previousColor() != null
                && release.rollbackWindowEndsAt() != null && !release.rollbackWindowEndsAt().isAfter(now)
                && release.rolledBackDeploymentId() == null;
    }

    private void endSoak(Service service, ReleaseRecord release, Instant now) {
        String name = service.getMetadata().getName();
        String previous = name + "-" + release.previousColor().wire();
        Deployment deployment = retry.call(() -> client.apps().deployments().inNamespace(namespace)
                .withName(previous).get());
        if (deployment == null || deployment.getSpec().getReplicas() == null || deployment.getSpec().getReplicas() == 0) {
            return;
        }
        long soakMs = release.switchedAt() == null ? 0 : Duration.between(release.switchedAt(), now).toMillis();
        // announce first: a repeated announcement is harmless, a lost one is not
        events.publish(new DeploymentStable(UUID.randomUUID().toString(), now, environment, name,
                release.deploymentId(), release.liveColor(), release.liveImage(), soakMs));
        retry.run(() -> client.apps().deployments().inNamespace(namespace).withName(previous).scale(0));
        LOG.info("{} is stable after {} s; {} scaled down", release.deploymentId(), soakMs / 1000, previous);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
