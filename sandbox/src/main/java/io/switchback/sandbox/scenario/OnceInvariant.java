package io.switchback.sandbox.scenario;

import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HealthBreached;
import io.switchback.events.HealthRecovered;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.SwitchbackEvent;
import io.switchback.sandbox.EventTimeline;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * 8. With two replicas of every service, each decision is taken once: a release started, switched, made
 * stable and rolled back at most once (by event id); no breach reported twice for one check without a
 * recovery between; an event id never carries two different events.
 */
final class OnceInvariant implements Invariant {

    @Override
    public String name() {
        return "8 once";
    }

    @Override
    public int check(Facts facts, List<Violation> violations) {
        int checks = 0;
        checks += once(facts, violations, DeploymentStarted.class, DeploymentStarted::deploymentId);
        checks += once(facts, violations, DeploymentTrafficSwitched.class, DeploymentTrafficSwitched::deploymentId);
        checks += once(facts, violations, DeploymentStable.class, DeploymentStable::deploymentId);
        checks += once(facts, violations, RollbackCompleted.class, RollbackCompleted::deploymentId);
        Map<String, SwitchbackEvent> byId = new HashMap<>();
        for (EventTimeline.Entry entry : facts.ground().events()) {
            checks++;
            SwitchbackEvent before = byId.putIfAbsent(entry.event().eventId(), entry.event());
            if (before != null && !before.equals(entry.event())) {
                violations.add(new Violation(name(), "id:" + entry.event().eventId(), entry.event().occurredAt(),
                        "two different events share the id " + entry.event().eventId(), before + " / " + entry.event()));
            }
        }
        Map<String, Boolean> breached = new HashMap<>();
        for (EventTimeline.Entry entry : facts.events) {
            if (entry.event() instanceof HealthBreached b) {
                checks++;
                if (Boolean.TRUE.equals(breached.put(b.deploymentId() + "/" + b.check().wire(), true))) {
                    violations.add(new Violation(name(), "breach:" + b.eventId(), b.occurredAt(),
                            "breach of " + b.check().wire() + " for " + b.deploymentId() + " reported again without a "
                                    + "recovery between", "health.breached " + b.eventId()));
                }
            } else if (entry.event() instanceof HealthRecovered r) {
                breached.put(r.deploymentId() + "/" + r.check().wire(), false);
            }
        }
        return checks;
    }

    private static <T extends ReleaseEvent> int once(Facts facts, List<Violation> violations, Class<T> type,
            Function<T, String> release) {
        Map<String, T> first = new HashMap<>();
        int checks = 0;
        for (T event : facts.of(type)) {
            checks++;
            T before = first.putIfAbsent(release.apply(event), event);
            if (before != null) {
                violations.add(new Violation("8 once", "twice:" + event.eventId(), event.occurredAt(),
                        event.type().ceType() + " twice for " + release.apply(event),
                        before.eventId() + " and " + event.eventId()));
            }
        }
        return checks;
    }
}
