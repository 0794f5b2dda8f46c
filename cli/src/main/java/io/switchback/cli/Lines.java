package io.switchback.cli;

import io.switchback.events.EventJson;
import io.switchback.events.EventSummaries;
import io.switchback.events.HealthEvidence;
import io.switchback.events.SwitchbackEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.node.ObjectNode;

/** How the CLI prints an event: one line a person reads, as the sandbox's timeline does, or one JSON object. */
final class Lines {

    private Lines() {
    }

    /** {@code <time>  <type>  <environment>/<service>[@cluster]  <what it says>}. */
    static String human(EventStream.Seen seen) {
        String where = seen.event().key() + (seen.cluster() == null ? "" : "@" + seen.cluster());
        return "%s  %-30s %-24s %s".formatted(time(seen.event().occurredAt()), EventSummaries.shortType(seen.event()),
                where, EventSummaries.describe(seen.event()));
    }

    /**
     * Whether the event is a release's figures of one interval ({@code health.evidence}), which come every few
     * seconds per watched release: shown where figures are asked for, left out of timelines.
     */
    static boolean figures(SwitchbackEvent event) {
        return event instanceof HealthEvidence;
    }

    /** An instant to the millisecond, as a person reads it. */
    static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** The event's data with its type, topic and cluster beside it: one object per line, for jq. */
    static String json(EventStream.Seen seen) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("type", seen.event().type().ceType());
        node.put("topic", seen.topic());
        if (seen.cluster() != null) {
            node.put("cluster", seen.cluster());
        }
        node.set("data", EventJson.toTree(seen.event()));
        return EventJson.mapper().writeValueAsString(node);
    }
}
