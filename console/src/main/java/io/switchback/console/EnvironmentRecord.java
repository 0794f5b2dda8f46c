package io.switchback.console;

import io.switchback.events.DeploymentCanaryStarted;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentHeld;
import io.switchback.events.DeploymentPromotionPending;
import io.switchback.events.DeploymentReady;
import io.switchback.events.DeploymentSkipped;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentSuperseded;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HealthBreached;
import io.switchback.events.HealthEvidence;
import io.switchback.events.HealthSoakHeld;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackFailed;
import io.switchback.events.RollbackStarted;
import io.switchback.events.Topic;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One environment folded from its events: per service and cluster the live colour and the release in progress,
 * the latest releases with their figures, and the latest events. Mutable, owned by {@link StatusView} under its lock.
 */
final class EnvironmentRecord {

    /** A copy for a page. */
    record Snapshot(String name, Map<String, List<ClusterStatus>> services, List<TimelineEntry> timeline,
            List<ReleaseRecord.Snapshot> releases) {
    }

    private final String name;
    private final ConsoleProperties limits;
    private final Map<String, Map<String, ClusterStatus>> services = new TreeMap<>();
    private final Deque<TimelineEntry> timeline = new ArrayDeque<>();
    private final Map<String, ReleaseRecord> releases = new LinkedHashMap<>();
    /** For each release that superseded another, the one it superseded: a rollback of it makes that one live again. */
    private final Map<String, String> superseded = new LinkedHashMap<>();

    EnvironmentRecord(String name, ConsoleProperties limits) {
        this.name = name;
        this.limits = limits;
    }

    /** Folds one event in; returns the release it dropped to stay within its bound, if any. */
    Optional<String> apply(ReleaseEvent event, String cluster, String deploymentId) {
        if (!(event instanceof HealthEvidence)) {
            // the figures are the chart's, not the story's: every 5 s per release would drown the timeline
            timeline.addFirst(TimelineEntry.of(event, cluster, deploymentId));
            while (timeline.size() > limits.timelineLength()) {
                timeline.removeLast();
            }
        }
        ReleaseRecord release = deploymentId == null ? null : releases.get(deploymentId);
        if (release == null && deploymentId != null && startsARelease(event)) {
            release = new ReleaseRecord(deploymentId, name, event.service(), event.occurredAt(),
                    limits.pointsPerRelease());
            releases.put(deploymentId, release);
        }
        fold(event, cluster, release);
        if (releases.size() > limits.releasesKept()) {
            String oldest = releases.keySet().iterator().next();
            releases.remove(oldest);
            return Optional.of(oldest);
        }
        return Optional.empty();
    }

    /** A command or a skipped build names a release without being one; anything else about one is (retention may have cut its start). */
    private static boolean startsARelease(ReleaseEvent event) {
        return !(event instanceof DeploymentSkipped) && event.type().topic() != Topic.COMMANDS;
    }

    private void fold(ReleaseEvent event, String cluster, ReleaseRecord release) {
        UnaryOperator<ClusterStatus> change = release == null ? null : change(event, cluster, release);
        liveAgain(event);
        if (change != null) {
            services.computeIfAbsent(event.service(), s -> new TreeMap<>())
                    .compute(cluster, (k, status) -> change.apply(status == null ? ClusterStatus.unknown(k) : status));
        }
    }

    /** A release superseded by one that was then rolled back serves again: its outcome says so, not "superseded". */
    private void liveAgain(ReleaseEvent event) {
        if (event instanceof DeploymentSuperseded s) {
            superseded.put(s.supersededBy(), s.deploymentId());
            while (superseded.size() > limits.releasesKept()) {
                superseded.remove(superseded.keySet().iterator().next());
            }
        } else if (event instanceof RollbackCompleted r) {
            Optional.ofNullable(superseded.get(r.deploymentId())).map(releases::get)
                    .ifPresent(restored -> restored.ended("live again: " + r.deploymentId() + " was rolled back",
                            "live again"));
        }
    }

    /** What the event says of its release, recorded on it; returns what it changes in its cluster, if anything. */
    private static UnaryOperator<ClusterStatus> change(ReleaseEvent event, String cluster, ReleaseRecord release) {
        if (event instanceof DeploymentStarted s) {
            release.runs(s.image(), s.targetColor().wire());
            return c -> (c.liveColor() == null && s.liveColor() != null
                    ? c.live(s.liveColor().wire(), s.liveImage(), null, null) : c)
                    .releasing(s.deploymentId(), s.image(), "rolling out to " + s.targetColor().wire(), null);
        } else if (event instanceof DeploymentReady r) {
            return c -> c.releasing(r.deploymentId(), r.image(), r.readyReplicas() + " pods ready on "
                    + r.color().wire(), null);
        } else if (event instanceof DeploymentCanaryStarted k) {
            return c -> c.releasing(k.deploymentId(), k.image(), "canary: " + k.canaryReplicas() + " pods on "
                    + k.color().wire() + " until " + Figures.time(k.endsAt()), "canary health");
        } else if (event instanceof DeploymentHeld h) {
            return c -> c.releasing(h.deploymentId(), h.image(), "held until " + Figures.time(h.deadline()),
                    h.waitingFor() + ": " + h.reason());
        } else if (event instanceof DeploymentPromotionPending p) {
            release.runs(p.image(), null);
            return c -> c.releasing(p.deploymentId(), p.image(), "stable in " + p.upstreamEnvironment()
                    + ", pending promotion", p.waitingFor());
        } else if (event instanceof DeploymentTrafficSwitched t) {
            release.runs(t.liveImage(), t.liveColor().wire());
            release.switched(t.occurredAt());
            return c -> c.live(t.liveColor().wire(), t.liveImage(), t.deploymentId(), t.occurredAt())
                    .releasing(t.deploymentId(), t.liveImage(), "soaking until "
                            + Figures.time(t.rollbackWindowEndsAt()), "the health monitor's soak pass");
        } else if (event instanceof HealthSoakHeld h) {
            return c -> c.releasing(h.deploymentId(), h.image(), "soak held", h.reason());
        } else if (event instanceof DeploymentStable s) {
            release.ended("stable", "stable");
            return c -> c.ended(s.deploymentId(), s.deploymentId() + " stable");
        } else if (event instanceof DeploymentFailed f) {
            release.ended("failed at " + f.stage().wire(), "failed");
            return c -> c.ended(f.deploymentId(), f.deploymentId() + " failed at " + f.stage().wire() + ": "
                    + f.reason());
        } else if (event instanceof DeploymentSuperseded s) {
            release.ended("superseded by " + s.supersededBy(), "superseded");
            return c -> c.ended(s.deploymentId(), s.deploymentId() + " superseded by " + s.supersededBy());
        }
        return rollbackOrHealth(event, cluster, release);
    }

    private static UnaryOperator<ClusterStatus> rollbackOrHealth(ReleaseEvent event, String cluster,
            ReleaseRecord release) {
        if (event instanceof RollbackStarted r) {
            release.mark(r.occurredAt(), "rollback-started", "rollback started", cluster);
            return c -> c.releasing(r.deploymentId(), null, "rolling back to " + r.toColor().wire(), null);
        } else if (event instanceof RollbackCompleted r) {
            release.ended("rolled back", "rolled back");
            release.restored(r.occurredAt());
            release.mark(r.occurredAt(), "rollback", "rolled back to " + r.toColor().wire(), cluster);
            return c -> c.live(r.toColor().wire(), r.restoredImage(), null, r.occurredAt())
                    .ended(r.deploymentId(), r.deploymentId() + " rolled back: " + r.cause().summary());
        } else if (event instanceof RollbackFailed f) {
            release.ended("rollback failed", "rollback failed");
            return c -> c.ended(f.deploymentId(), "rollback of " + f.deploymentId() + " FAILED: " + f.reason());
        } else if (event instanceof HealthBreached b) {
            release.breached(b, cluster);
        } else if (event instanceof HealthEvidence e) {
            release.evidence(e, cluster);
        }
        return null;
    }

    Snapshot snapshot() {
        Map<String, List<ClusterStatus>> copy = new TreeMap<>();
        services.forEach((service, clusters) -> copy.put(service, List.copyOf(clusters.values())));
        List<ReleaseRecord.Snapshot> latestFirst = releases.values().stream().map(ReleaseRecord::snapshot)
                .sorted((a, b) -> b.firstSeen().compareTo(a.firstSeen())).toList();
        return new Snapshot(name, copy, List.copyOf(timeline), latestFirst);
    }

    Optional<ReleaseRecord> release(String deploymentId) {
        return Optional.ofNullable(releases.get(deploymentId));
    }
}
