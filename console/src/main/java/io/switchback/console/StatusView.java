package io.switchback.console;

import io.switchback.events.DeploymentStarted;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.SwitchbackEvent;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Everything the status page shows, folded from the events in the order the topics give them: per environment its
 * services, releases and timeline. In memory only: it is rebuilt from the topics at every start. Written by the
 * {@link TopicReader}'s thread, read by the pages; each read is a copy.
 */
@Component
public class StatusView {

    private final ConsoleProperties limits;
    private final Map<String, EnvironmentRecord> environments = new TreeMap<>();
    private final Map<String, String> environmentOfRelease = new HashMap<>();
    /** The rollouts each build caused, in every environment (a promotion names the build it came from). */
    private final Map<String, Set<String>> releasesOfBuild = new LinkedHashMap<>();

    public StatusView(ConsoleProperties limits) {
        this.limits = limits;
    }

    /**
     * Folds one event in. A build is no environment's yet; it shows once a deployer takes it.
     *
     * @param cluster the cluster its writer named ({@code ce_cluster}); empty when none
     */
    public synchronized void apply(SwitchbackEvent event, String cluster) {
        if (!(event instanceof ReleaseEvent release)) {
            return;
        }
        String deploymentId = deploymentIdOf(release);
        EnvironmentRecord environment = environments.computeIfAbsent(release.environment(),
                name -> new EnvironmentRecord(name, limits));
        environment.apply(release, cluster == null ? "" : cluster, deploymentId)
                .ifPresent(environmentOfRelease::remove);
        if (deploymentId != null && environment.release(deploymentId).isPresent()) {
            environmentOfRelease.putIfAbsent(deploymentId, release.environment());
        }
        if (event instanceof DeploymentStarted started) {
            releasesOfBuild.computeIfAbsent(started.buildEventId(), b -> new LinkedHashSet<>()).add(deploymentId);
            while (releasesOfBuild.size() > limits.releasesKept() * Math.max(1, environments.size())) {
                releasesOfBuild.remove(releasesOfBuild.keySet().iterator().next());
            }
        }
    }

    /** Where each rollout of a build stands, in the order they started; empty while no deployer has taken it. */
    synchronized List<ReleaseRecord.Progress> build(String buildEventId) {
        return releasesOfBuild.getOrDefault(buildEventId, Set.of()).stream()
                .map(id -> Optional.ofNullable(environmentOfRelease.get(id)).map(environments::get)
                        .flatMap(e -> e.release(id)))
                .flatMap(Optional::stream).map(ReleaseRecord::progress).toList();
    }

    public synchronized List<String> environments() {
        return List.copyOf(environments.keySet());
    }

    public synchronized Optional<EnvironmentRecord.Snapshot> environment(String name) {
        return Optional.ofNullable(environments.get(name)).map(EnvironmentRecord::snapshot);
    }

    public synchronized Optional<ReleaseRecord.Snapshot> release(String deploymentId) {
        return Optional.ofNullable(environmentOfRelease.get(deploymentId)).map(environments::get)
                .flatMap(e -> e.release(deploymentId)).map(ReleaseRecord::snapshot);
    }

    /** The release an event is about: every event of the contract that names one calls it {@code deploymentId}. */
    static String deploymentIdOf(ReleaseEvent event) {
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            if (component.getName().equals("deploymentId")) {
                try {
                    return (String) component.getAccessor().invoke(event);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read the deploymentId of " + event.type().ceType(), e);
                }
            }
        }
        return null;
    }
}
