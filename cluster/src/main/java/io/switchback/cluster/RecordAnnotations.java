package io.switchback.cluster;

import static io.switchback.cluster.ReleaseRecord.BUILD_ORDER;
import static io.switchback.cluster.ReleaseRecord.FOLLOWERS_READY;
import static io.switchback.cluster.ReleaseRecord.LAST_FAILED;
import static io.switchback.cluster.ReleaseRecord.LEAD_ROLLED_BACK;
import static io.switchback.cluster.ReleaseRecord.LEAD_SWITCHED;
import static io.switchback.cluster.ReleaseRecord.LIVE_COLOR;
import static io.switchback.cluster.ReleaseRecord.LIVE_IMAGE;
import static io.switchback.cluster.ReleaseRecord.LIVE_ROLLOUT;
import static io.switchback.cluster.ReleaseRecord.LOCK;
import static io.switchback.cluster.ReleaseRecord.OUTBOX;
import static io.switchback.cluster.ReleaseRecord.PENDING;
import static io.switchback.cluster.ReleaseRecord.PHASE;
import static io.switchback.cluster.ReleaseRecord.PREVIOUS_COLOR;
import static io.switchback.cluster.ReleaseRecord.PREVIOUS_DEPLOYMENT_ID;
import static io.switchback.cluster.ReleaseRecord.PREVIOUS_IMAGE;
import static io.switchback.cluster.ReleaseRecord.ROLLBACK;
import static io.switchback.cluster.ReleaseRecord.ROLLBACK_WINDOW_ENDS;
import static io.switchback.cluster.ReleaseRecord.ROLLED_BACK;
import static io.switchback.cluster.ReleaseRecord.ROLLOUT;
import static io.switchback.cluster.ReleaseRecord.SOAK_PASSED;
import static io.switchback.cluster.ReleaseRecord.SWITCHED_AT;
import static io.switchback.cluster.ReleaseRecord.VERIFICATIONS;

import io.switchback.events.BuildOrder;
import io.switchback.events.Color;
import io.switchback.events.EventJson;
import io.switchback.events.EventType;
import io.switchback.events.SwitchbackEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The release record to and from the Service's annotations: plain values for what ops read in an emergency,
 * JSON for the rollout, the rollback claim and the outbox. A value a person mangled reads as absent, with a
 * warning, never as a crash of the service that reads it.
 */
final class RecordAnnotations {

    private static final Logger LOG = LoggerFactory.getLogger(RecordAnnotations.class);

    private RecordAnnotations() {
    }

    static ReleaseRecord read(Color live, Map<String, String> a) {
        String deploymentId = a.get(BlueGreen.DEPLOYMENT_ID);
        String rolledBack = a.get(ROLLED_BACK);
        Instant windowEnds = instant(a.get(ROLLBACK_WINDOW_ENDS));
        return new ReleaseRecord(deploymentId, live, a.get(LIVE_IMAGE), instant(a.get(SWITCHED_AT)),
                Phase.of(a.get(PHASE)).orElseGet(() -> legacyPhase(deploymentId, rolledBack, windowEnds)),
                windowEnds, BlueGreen.color(a.get(PREVIOUS_COLOR)).orElse(null), a.get(PREVIOUS_IMAGE),
                a.get(PREVIOUS_DEPLOYMENT_ID), rolledBack, buildOrder(a.get(BUILD_ORDER)),
                json(a.get(ROLLOUT), Rollout.class), json(a.get(ROLLBACK), RollbackClaim.class),
                json(a.get(LOCK), RecordLock.class), json(a.get(LAST_FAILED), Rollout.class),
                json(a.get(LIVE_ROLLOUT), Rollout.class), json(a.get(PENDING), Rollout.class), a.get(LEAD_SWITCHED),
                a.get(LEAD_ROLLED_BACK), a.get(SOAK_PASSED),
                json(a.get(FOLLOWERS_READY), FollowersReady.class), verifications(a.get(VERIFICATIONS)),
                outbox(a.get(OUTBOX)));
    }

    static Map<String, String> write(ReleaseRecord r) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put(BlueGreen.DEPLOYMENT_ID, r.deploymentId());
        a.put(LIVE_COLOR, r.liveColor().wire());
        a.put(LIVE_IMAGE, r.liveImage());
        a.put(SWITCHED_AT, text(r.switchedAt()));
        a.put(PHASE, r.phase() == null ? null : r.phase().wire());
        a.put(ROLLBACK_WINDOW_ENDS, text(r.rollbackWindowEndsAt()));
        a.put(PREVIOUS_COLOR, r.previousColor() == null ? null : r.previousColor().wire());
        a.put(PREVIOUS_IMAGE, r.previousImage());
        a.put(PREVIOUS_DEPLOYMENT_ID, r.previousDeploymentId());
        a.put(ROLLED_BACK, r.rolledBackDeploymentId());
        a.put(BUILD_ORDER, r.buildOrder() == null ? null : r.buildOrder().wire());
        a.put(ROLLOUT, json(r.rollout()));
        a.put(ROLLBACK, json(r.rollback()));
        a.put(LOCK, json(r.lock()));
        a.put(LAST_FAILED, json(r.lastFailed()));
        a.put(LIVE_ROLLOUT, json(r.liveRollout()));
        a.put(PENDING, json(r.pending()));
        a.put(LEAD_SWITCHED, r.leadSwitched());
        a.put(LEAD_ROLLED_BACK, r.leadRolledBack());
        a.put(SOAK_PASSED, r.soakPassed());
        a.put(FOLLOWERS_READY, json(r.followersReady()));
        a.put(VERIFICATIONS, r.verifications().isEmpty() ? null : json(r.verifications()));
        a.put(OUTBOX, r.outbox().isEmpty() ? null : outbox(r.outbox()));
        a.put(BlueGreen.CANARY, r.rollout() != null && r.rollout().canaryRunning() ? r.rollout().deploymentId() : null);
        return a;
    }

    /** Records written before the phase was recorded: a rolled-back one, a soaking one, else stable. */
    private static Phase legacyPhase(String deploymentId, String rolledBack, Instant windowEnds) {
        if (deploymentId == null) {
            return null;
        }
        if (rolledBack != null) {
            return Phase.ROLLED_BACK;
        }
        return windowEnds != null ? Phase.SOAKING : Phase.STABLE;
    }

    private static String outbox(List<SwitchbackEvent> events) {
        ArrayNode entries = EventJson.mapper().createArrayNode();
        for (SwitchbackEvent event : events) {
            entries.addObject().put("type", event.type().ceType()).set("data", EventJson.toTree(event));
        }
        return entries.toString();
    }

    private static List<SwitchbackEvent> outbox(String value) {
        List<SwitchbackEvent> events = new ArrayList<>();
        if (value == null) {
            return events;
        }
        try {
            for (JsonNode entry : EventJson.mapper().readTree(value)) {
                Optional<EventType> type = EventType.fromCeType(entry.path("type").asString(null));
                if (type.isEmpty()) {
                    LOG.warn("outbox entry of unknown type {} left out", entry.path("type"));
                    continue;
                }
                events.add(EventJson.mapper().treeToValue(entry.get("data"), type.get().recordClass()));
            }
        } catch (JacksonException | IllegalArgumentException e) {
            LOG.warn("{} is not a list of events, read as empty: {}", OUTBOX, e.getMessage());
        }
        return events;
    }

    private static List<Verification> verifications(String value) {
        Verification[] read = json(value, Verification[].class);
        return read == null ? List.of() : List.of(read);
    }

    private static String json(Object value) {
        return value == null ? null : EventJson.mapper().writeValueAsString(value);
    }

    private static <T> T json(String value, Class<T> type) {
        try {
            return value == null ? null : EventJson.mapper().readValue(value, type);
        } catch (JacksonException e) {
            LOG.warn("annotation value {} is not a {}, read as absent: {}", value, type.getSimpleName(), e.getMessage());
            return null;
        }
    }

    private static BuildOrder buildOrder(String value) {
        try {
            return value == null ? null : BuildOrder.parse(value);
        } catch (IllegalArgumentException e) {
            LOG.warn("{} {} is not <run id>.<attempt>, read as absent", BUILD_ORDER, value);
            return null;
        }
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
