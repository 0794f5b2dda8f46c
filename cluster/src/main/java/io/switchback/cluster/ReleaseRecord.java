package io.switchback.cluster;

import io.fabric8.kubernetes.api.model.Service;
import io.switchback.events.Color;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The release a managed Service serves, as recorded in its {@code switchback.io/*} annotations: the cluster
 * is the source of truth, and every decision re-reads this. Ops read the same annotations in an
 * emergency (see docs/operations.md).
 *
 * @param deploymentId           the live release, or null before Switchback's first rollout
 * @param liveColor              the colour the selector points at
 * @param previousColor          the colour kept warm for rollback, or null
 * @param rollbackWindowEndsAt   until when the previous colour stays warm, or null
 * @param rolledBackDeploymentId the release the last rollback took traffic away from, or null
 */
public record ReleaseRecord(String deploymentId, Color liveColor, String liveImage, Color previousColor,
        String previousImage, String previousDeploymentId, Instant rollbackWindowEndsAt, Instant switchedAt,
        String rolledBackDeploymentId) {

    public static final String PREFIX = "switchback.io/";
    public static final String MANAGED = PREFIX + "managed";
    static final String DEPLOYMENT_ID = PREFIX + "deployment-id";
    static final String LIVE_COLOR = PREFIX + "live-color";
    static final String LIVE_IMAGE = PREFIX + "live-image";
    static final String PREVIOUS_COLOR = PREFIX + "previous-color";
    static final String PREVIOUS_IMAGE = PREFIX + "previous-image";
    static final String PREVIOUS_DEPLOYMENT_ID = PREFIX + "previous-deployment-id";
    static final String ROLLBACK_WINDOW_ENDS = PREFIX + "rollback-window-ends";
    static final String SWITCHED_AT = PREFIX + "switched-at";
    static final String ROLLED_BACK = PREFIX + "rolled-back-deployment-id";
    static final String SELECTOR_COLOR = "color";

    /** Whether the Service is one Switchback may manage ({@code switchback.io/managed: "true"}). */
    public static boolean isManaged(Service service) {
        return service != null && service.getMetadata().getAnnotations() != null
                && "true".equals(service.getMetadata().getAnnotations().get(MANAGED));
    }

    /** The record of a Service; the live colour comes from the selector, which is what traffic follows. */
    public static Optional<ReleaseRecord> of(Service service) {
        Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
        Optional<Color> live = color(selector == null ? null : selector.get(SELECTOR_COLOR));
        if (live.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> a = service.getMetadata().getAnnotations() == null
                ? Map.of() : service.getMetadata().getAnnotations();
        return Optional.of(new ReleaseRecord(a.get(DEPLOYMENT_ID), live.get(), a.get(LIVE_IMAGE),
                color(a.get(PREVIOUS_COLOR)).orElse(null), a.get(PREVIOUS_IMAGE), a.get(PREVIOUS_DEPLOYMENT_ID),
                instant(a.get(ROLLBACK_WINDOW_ENDS)), instant(a.get(SWITCHED_AT)), a.get(ROLLED_BACK)));
    }

    /** The annotations that record this release; absent values are written as removals (null). */
    public Map<String, String> annotations() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put(DEPLOYMENT_ID, deploymentId);
        a.put(LIVE_COLOR, liveColor.wire());
        a.put(LIVE_IMAGE, liveImage);
        a.put(PREVIOUS_COLOR, previousColor == null ? null : previousColor.wire());
        a.put(PREVIOUS_IMAGE, previousImage);
        a.put(PREVIOUS_DEPLOYMENT_ID, previousDeploymentId);
        a.put(ROLLBACK_WINDOW_ENDS, rollbackWindowEndsAt == null ? null : rollbackWindowEndsAt.toString());
        a.put(SWITCHED_AT, switchedAt == null ? null : switchedAt.toString());
        a.put(ROLLED_BACK, rolledBackDeploymentId);
        return a;
    }

    private static Optional<Color> color(String wire) {
        return Arrays.stream(Color.values()).filter(c -> c.wire().equals(wire)).findFirst();
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
