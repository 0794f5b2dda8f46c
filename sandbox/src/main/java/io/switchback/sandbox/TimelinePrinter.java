package io.switchback.sandbox;

import io.switchback.events.EventSummaries;
import io.switchback.events.HealthEvidence;
import io.switchback.events.SwitchbackEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/** A readable line per event: milliseconds from the start, type, key, and what it says. */
final class TimelinePrinter {

    private TimelinePrinter() {
    }

    static void print(PrintWriter out, Instant start, EventTimeline timeline) {
        for (EventTimeline.Entry entry : timeline.entries()) {
            SwitchbackEvent e = entry.event();
            if (e instanceof HealthEvidence) {
                // the chart's figures, a line a second per release: the status page draws them
                continue;
            }
            String where = entry.cluster() == null ? e.key() : e.key() + "@" + entry.cluster();
            out.printf("  %+9.3f s  %-30s %-18s %s%n", Duration.between(start, e.occurredAt()).toMillis() / 1000.0,
                    EventSummaries.shortType(e), where, EventSummaries.describe(e));
        }
        out.flush();
    }
}
