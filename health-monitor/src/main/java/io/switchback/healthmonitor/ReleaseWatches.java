package io.switchback.healthmonitor;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The releases being watched, at most one per service and one canary beside it: a newer release of a service
 * replaces the watch of the older one, and a canary that takes the traffic becomes the live watch, its evidence
 * kept. Written by the Kafka listener, read by the evaluation loop. A release the deployer said
 * ended (stable, failed, superseded) is not resumed from a record that has not caught up yet.
 */
@Component
public class ReleaseWatches {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseWatches.class);

    private final HealthProperties properties;
    private static final String CANARY = "#canary";

    private final Map<String, Watch> byService = new ConcurrentHashMap<>();
    private final Map<String, String> endedByService = new ConcurrentHashMap<>();

    public ReleaseWatches(HealthProperties properties) {
        this.properties = properties;
    }

    /** One release under watch with its evaluation state; only the evaluation loop touches the evaluator. */
    public record Watch(WatchedRelease release, ReleaseEvaluator evaluator) {
    }

    /**
     * Watches a release, instead of an older one of its service. A watch of the same release stays as it is, so
     * that a redelivered or late event cannot reset what was judged and reported.
     */
    public synchronized void start(WatchedRelease release) {
        watch(release, "");
    }

    /** Watches a release the cluster's record shows soaking, unless it is watched already or ended. */
    public synchronized void resume(WatchedRelease release) {
        if (!release.deploymentId().equals(endedByService.get(release.service()))) {
            watch(release, ", resumed from the cluster's record");
        }
    }

    private void watch(WatchedRelease release, String how) {
        Watch canary = byService.get(release.service() + CANARY);
        if (!release.canary() && canary != null && canary.release().deploymentId().equals(release.deploymentId())) {
            // the canary took the traffic: the same pods, judged on, now with a soak to pass
            byService.remove(release.service() + CANARY, canary);
            canary.evaluator().startSoak();
            byService.put(release.service(), new Watch(release, canary.evaluator()));
            LOG.info("watching {} deployment {} as the live release, judged since its canary{}", release.service(),
                    release.deploymentId(), how);
            return;
        }
        String key = key(release);
        Watch current = byService.get(key);
        if (current != null && current.release().deploymentId().equals(release.deploymentId())) {
            return;
        }
        byService.put(key, new Watch(release, new ReleaseEvaluator(properties.rulesFor(release.service()),
                properties.soakCoverage(), properties.canary(), properties.evidenceInterval())));
        LOG.info("watching {} deployment {} ({} on {}){}{}", release.service(), release.deploymentId(), release.image(),
                release.color().wire(), how, current == null ? "" : ", instead of deployment "
                        + current.release().deploymentId());
    }

    /** Stops watching the deployment, if it is the one watched for its service (live, or as its canary). */
    public synchronized void stop(String service, String deploymentId, String why) {
        for (String key : List.of(service, service + CANARY)) {
            Watch current = byService.get(key);
            if (current != null && current.release().deploymentId().equals(deploymentId)
                    && byService.remove(key, current)) {
                LOG.info("stopped watching {} deployment {}: {}", service, deploymentId, why);
            }
        }
    }

    /** A service's live release and its canary are watched side by side. */
    private static String key(WatchedRelease release) {
        return release.canary() ? release.service() + CANARY : release.service();
    }

    /** The deployer said the release ended: stops its watch, and no record resumes it. */
    public synchronized void end(String service, String deploymentId, String why) {
        endedByService.put(service, deploymentId);
        stop(service, deploymentId, why);
    }

    public Collection<Watch> all() {
        return List.copyOf(byService.values());
    }

    public int size() {
        return byService.size();
    }
}
