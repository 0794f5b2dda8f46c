package io.switchback.console;

import io.switchback.events.EventSummaries;
import io.switchback.events.SwitchbackEvent;
import java.time.Instant;

/**
 * One event as the timeline shows it.
 *
 * @param where        its key, with {@code @cluster} when its writer named one
 * @param deploymentId the release it is about, for a link; null when it names none
 */
record TimelineEntry(Instant at, String type, String where, String what, String deploymentId) {

    static TimelineEntry of(SwitchbackEvent event, String cluster, String deploymentId) {
        String where = cluster.isEmpty() ? event.key() : event.key() + "@" + cluster;
        return new TimelineEntry(event.occurredAt(), EventSummaries.shortType(event), where,
                EventSummaries.describe(event), deploymentId);
    }
}
