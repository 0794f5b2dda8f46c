package io.switchback.healthmonitor;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The releases being watched, at most one per service: a newer release of a service replaces the watch
 * of the older one. Written by the Kafka listener, read by the evaluation loop.
 */
@Component
public class ReleaseWatches {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseWatches.class);

    private final HealthProperties properties;
    private final Map<String, Watch> byService = new ConcurrentHashMap<>();

    public ReleaseWatches(HealthProperties properties) {
        this.properties = properties;
    }

    /** One release under watch with its evaluation state; only the evaluation loop touches the evaluator. */
    public record Watch(WatchedRelease release, ReleaseEvaluator evaluator) {
    }

    public void start(WatchedRelease release) {
        Watch previous = byService.put(release.service(),
                new Watch(release, new ReleaseEvaluator(properties.rulesFor(release.service()))));
        LOG.info("watching {} deployment {} ({} on {}){}", release.service(), release.deploymentId(), release.image(),
                release.color().wire(), previous == null || previous.release().equals(release)
                        ? "" : ", instead of deployment " + previous.release().deploymentId());
    }

    /** Starts watching a release the cluster serves, unless it is watched already (a resumed watch). */
    public void resume(WatchedRelease release) {
        Watch current = byService.get(release.service());
        if (current == null || !current.release().deploymentId().equals(release.deploymentId())) {
            LOG.info("resuming from the cluster's record:");
            start(release);
        }
    }

    /** Stops watching the deployment, if it is the one watched for its service. */
    public void stop(String service, String deploymentId, String why) {
        Watch current = byService.get(service);
        if (current != null && current.release().deploymentId().equals(deploymentId)
                && byService.remove(service, current)) {
            LOG.info("stopped watching {} deployment {}: {}", service, deploymentId, why);
        }
    }

    public Collection<Watch> all() {
        return List.copyOf(byService.values());
    }

    public int size() {
        return byService.size();
    }
}
