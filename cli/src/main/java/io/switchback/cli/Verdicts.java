package io.switchback.cli;

import io.switchback.events.EventSummaries;
import io.switchback.events.HealthBreached;
import io.switchback.events.HealthEvidence;
import io.switchback.events.HealthInconclusive;
import io.switchback.events.HealthRecovered;
import io.switchback.events.HealthSoakHeld;
import io.switchback.events.HealthSoakPassed;
import io.switchback.events.SwitchbackEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The last verdict per trigger of each release, from the health topic; or why they were not read. */
final class Verdicts {

    private final Map<String, Map<String, String>> byRelease = new LinkedHashMap<>();
    private final String unread;

    private Verdicts(String unread) {
        this.unread = unread;
    }

    /** The verdicts since {@code since}; none, with the reason, when Kafka is not configured. */
    static Verdicts read(Settings settings, Instant since) {
        if (settings.optional(Settings.BOOTSTRAP).isEmpty()) {
            return new Verdicts("not read: no " + Settings.BOOTSTRAP + " (" + Settings.variable(Settings.BOOTSTRAP)
                    + ")");
        }
        Verdicts verdicts = new Verdicts(null);
        try (EventStream stream = new EventStream(settings.kafka(), since)) {
            stream.readToOpeningEnd().forEach(s -> verdicts.add(s.event()));
        }
        return verdicts;
    }

    private void add(SwitchbackEvent event) {
        if (event instanceof HealthEvidence e) {
            put(e.deploymentId(), "last figures:", "%s (%s)".formatted(EventSummaries.describe(e),
                    Lines.time(e.occurredAt())));
        } else if (event instanceof HealthBreached b) {
            put(b.deploymentId(), b.check().wire(), "breached %.4g %s > %.4g at %s".formatted(b.observed(), b.unit(),
                    b.threshold(), Lines.time(b.occurredAt())));
        } else if (event instanceof HealthRecovered r) {
            put(r.deploymentId(), r.check().wire(), "recovered at " + Lines.time(r.occurredAt()));
        } else if (event instanceof HealthInconclusive i) {
            put(i.deploymentId(), i.check().wire(), "inconclusive at " + Lines.time(i.occurredAt()) + ": " + i.reason());
        } else if (event instanceof HealthSoakPassed p) {
            put(p.deploymentId(), "soak", "passed at " + Lines.time(p.occurredAt()));
        } else if (event instanceof HealthSoakHeld h) {
            put(h.deploymentId(), "soak", "held at " + Lines.time(h.occurredAt()) + ": " + h.reason());
        }
    }

    private void put(String deploymentId, String check, String verdict) {
        byRelease.computeIfAbsent(deploymentId, k -> new LinkedHashMap<>()).put(check, verdict);
    }

    /** One line per trigger with a verdict, or the one line saying why there are none. */
    List<String> of(String deploymentId) {
        if (unread != null) {
            return List.of(unread);
        }
        Map<String, String> verdicts = byRelease.get(deploymentId);
        if (verdicts == null) {
            return List.of("no verdict event: every trigger has passed so far, or the release has not been judged");
        }
        List<String> lines = new ArrayList<>();
        verdicts.forEach((check, verdict) -> lines.add(check + " " + verdict));
        return lines;
    }
}
