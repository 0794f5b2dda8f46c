package io.switchback.cli;

import io.switchback.events.DeploymentCanaryStarted;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentHeld;
import io.switchback.events.DeploymentPromotionPending;
import io.switchback.events.DeploymentSkipped;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentSuperseded;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.EventJson;
import io.switchback.events.HealthSoakHeld;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackFailed;
import io.switchback.events.SwitchbackEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The releases in a run of events, each with its events in order, its image, and what became of it. */
final class Releases {

    /** One release: its id, every event naming it in time order, and what became of it. */
    record Release(String deploymentId, List<EventStream.Seen> events, String outcome) {

        String image() {
            for (EventStream.Seen seen : events) {
                SwitchbackEvent e = seen.event();
                if (e instanceof DeploymentStarted s) {
                    return s.image();
                } else if (e instanceof DeploymentPromotionPending p) {
                    return p.image();
                } else if (e instanceof DeploymentTrafficSwitched t) {
                    return t.liveImage();
                }
            }
            return "?";
        }
    }

    private Releases() {
    }

    /** The releases among {@code events} (already in time order), in the order each first appeared. */
    static List<Release> of(List<EventStream.Seen> events) {
        Map<String, List<EventStream.Seen>> byRelease = new LinkedHashMap<>();
        for (EventStream.Seen seen : events) {
            deploymentIdOf(seen.event()).ifPresent(id -> byRelease.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(seen));
        }
        Set<String> rolledBack = new HashSet<>();
        events.stream().map(EventStream.Seen::event).filter(RollbackCompleted.class::isInstance)
                .forEach(e -> rolledBack.add(((RollbackCompleted) e).deploymentId()));
        List<Release> releases = new ArrayList<>();
        byRelease.forEach((id, seen) -> releases.add(new Release(id, seen, outcome(seen, rolledBack))));
        return releases;
    }

    /**
     * From the last event that says where the release stands; a release superseded by one that was then rolled back
     * is live again.
     */
    private static String outcome(List<EventStream.Seen> events, Set<String> rolledBack) {
        for (int i = events.size() - 1; i >= 0; i--) {
            SwitchbackEvent event = events.get(i).event();
            if (event instanceof DeploymentSuperseded s && rolledBack.contains(s.supersededBy())) {
                return "live again: " + s.supersededBy() + ", which replaced it, was rolled back";
            }
            Optional<String> state = state(event);
            if (state.isPresent()) {
                return state.get();
            }
        }
        return "in progress";
    }

    static Optional<String> deploymentIdOf(SwitchbackEvent event) {
        String id = EventJson.toTree(event).path("deploymentId").asString(null);
        return Optional.ofNullable(id);
    }

    private static Optional<String> state(SwitchbackEvent e) {
        if (e instanceof RollbackCompleted c) {
            return Optional.of("rolled back: " + c.cause().summary());
        } else if (e instanceof RollbackFailed f) {
            return Optional.of("ROLLBACK FAILED: " + f.reason());
        } else if (e instanceof DeploymentFailed f) {
            return Optional.of("failed at " + f.stage().wire() + ": " + f.reason());
        } else if (e instanceof DeploymentSuperseded s) {
            return Optional.of("superseded by " + s.supersededBy());
        } else if (e instanceof DeploymentStable s) {
            return Optional.of("stable after a soak of " + s.soakMs() / 1000 + " s");
        } else if (e instanceof HealthSoakHeld h) {
            return Optional.of("held: " + h.reason());
        } else if (e instanceof DeploymentSkipped s) {
            return Optional.of("skipped: " + s.reason());
        } else if (e instanceof DeploymentHeld h) {
            return Optional.of("held: " + h.reason());
        } else if (e instanceof DeploymentTrafficSwitched t) {
            return Optional.of("live on " + t.liveColor().wire() + ", soaking");
        } else if (e instanceof DeploymentPromotionPending p) {
            return Optional.of("waiting for " + p.waitingFor());
        } else if (e instanceof DeploymentCanaryStarted c) {
            return Optional.of("canary on " + c.color().wire() + " until " + c.endsAt());
        }
        return Optional.empty();
    }
}
