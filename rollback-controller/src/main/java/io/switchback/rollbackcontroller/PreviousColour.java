package io.switchback.rollbackcontroller;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.switchback.cluster.BlueGreen;
import io.switchback.cluster.BlueGreenCluster;
import io.switchback.cluster.ColourDeployment;
import io.switchback.cluster.ConcurrentChangeException;
import io.switchback.cluster.DeploymentReadiness;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.Color;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the previous colour ready to take traffic back, while the rollback holds the Service's claim: puts
 * the previous release back on it if a rollout took it since (its template is the live one's with the
 * previous image), scales it up if it was scaled down, and waits for its pods, bounded.
 */
class PreviousColour {

    private static final Logger LOG = LoggerFactory.getLogger(PreviousColour.class);
    private static final int WRITE_ATTEMPTS = 3;

    private final BlueGreenCluster cluster;
    private final Duration readyTimeout;

    PreviousColour(BlueGreenCluster cluster, Duration readyTimeout) {
        this.cluster = cluster;
        this.readyTimeout = readyTimeout;
    }

    /** @return empty when the previous colour runs the previous release, ready; else why not */
    Optional<String> prepare(String service, ReleaseRecord live) {
        Color to = live.previousColor();
        Deployment bad = cluster.deployment(service, live.liveColor());
        int replicas = Math.max(1, bad == null ? 1 : BlueGreen.replicasOf(bad));
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<String> impossible = putBack(service, live, bad, replicas);
                if (impossible.isPresent()) {
                    return impossible;
                }
                break;
            } catch (ConcurrentChangeException e) {
                if (attempt == WRITE_ATTEMPTS) {
                    throw e;
                }
            }
        }
        String name = BlueGreen.deploymentName(service, to);
        Optional<Deployment> ready = cluster.awaitReady(service, to, readyTimeout);
        if (ready.isEmpty()) {
            return Optional.of(name + " is not ready (" + DeploymentReadiness.progress(cluster.deployment(service, to))
                    + " after " + readyTimeout.toSeconds() + "s): traffic left where it was");
        }
        return holds(live, ready.get()) ? Optional.empty()
                : Optional.of(name + " no longer runs " + live.previousImage() + ": traffic left where it was");
    }

    private Optional<String> putBack(String service, ReleaseRecord live, Deployment bad, int replicas) {
        Deployment target = cluster.deployment(service, live.previousColor());
        if (target != null && holds(live, target)) {
            if (BlueGreen.replicasOf(target) == 0) {
                LOG.info("scaling {} up to {} before switching back", target.getMetadata().getName(), replicas);
                cluster.scale(target, replicas);
            }
            return Optional.empty();
        }
        if (target == null) {
            return Optional.of("the previous colour's Deployment " + BlueGreen.deploymentName(service,
                    live.previousColor()) + " does not exist: traffic left where it was");
        }
        if (bad == null) {
            return Optional.of("the previous release is no longer on " + live.previousColor().wire()
                    + " and there is no live Deployment to copy its template from");
        }
        Deployment desired = ColourDeployment.desired(bad, service, live.previousColor(), live.previousImage(),
                live.previousDeploymentId());
        desired.getSpec().setReplicas(replicas);
        LOG.info("putting {} back on {} before switching back", live.previousImage(), live.previousColor().wire());
        cluster.replace(target, desired);
        return Optional.empty();
    }

    private static boolean holds(ReleaseRecord live, Deployment deployment) {
        return Objects.equals(BlueGreen.deploymentIdOf(deployment), live.previousDeploymentId())
                && live.previousImage().equals(BlueGreen.imageOf(deployment));
    }
}
