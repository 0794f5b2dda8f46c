package io.switchback.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.switchback.events.Color;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The blue-green convention, in one place: an application team's chart creates the Deployment
 * {@code <svc>-blue} labelled {@code app=<svc>,color=blue} and the Service {@code <svc>} selecting it,
 * annotated {@code switchback.io/managed: "true"}; Switchback creates {@code <svc>-green} the same way and
 * records which release a colour's pod template is for in {@value #DEPLOYMENT_ID} on the Deployment and on
 * its pod template.
 */
public final class BlueGreen {

    public static final String PREFIX = "switchback.io/";
    public static final String MANAGED = PREFIX + "managed";
    /** On a Deployment and its pod template: the release the template is for. */
    public static final String DEPLOYMENT_ID = PREFIX + "deployment-id";
    /** On a managed Service while a canary runs: the release taking a share of the traffic. */
    public static final String CANARY = PREFIX + "canary";
    static final String LIVE_COLOR = PREFIX + "live-color";
    public static final String APP_LABEL = "app";
    public static final String COLOR_LABEL = "color";

    private BlueGreen() {
    }

    public static String deploymentName(String service, Color color) {
        return service + "-" + color.wire();
    }

    /** The labels that select a colour's pods, as the Service does. */
    public static Map<String, String> podLabels(String service, Color color) {
        return Map.of(APP_LABEL, service, COLOR_LABEL, color.wire());
    }

    /** Whether the Service is one Switchback may manage ({@code switchback.io/managed: "true"}). */
    public static boolean isManaged(Service service) {
        return service != null && "true".equals(annotations(service).get(MANAGED));
    }

    /**
     * The colour a Service's selector points at, if it is blue or green. While a canary runs the selector names no
     * colour (both serve): the live colour is then the one its record names ({@code switchback.io/live-color}).
     */
    public static Optional<Color> selectedColor(Service service) {
        Map<String, String> selector = service == null || service.getSpec() == null
                ? null : service.getSpec().getSelector();
        // a JSON merge patch's null removes the key on a real API server; the mock keeps it, null: the same here
        if (selector != null && !selector.isEmpty() && selector.get(COLOR_LABEL) == null
                && annotations(service).get(CANARY) != null) {
            return color(annotations(service).get(LIVE_COLOR));
        }
        return color(selector == null ? null : selector.get(COLOR_LABEL));
    }

    public static Optional<Color> color(String wire) {
        return Arrays.stream(Color.values()).filter(c -> c.wire().equals(wire)).findFirst();
    }

    /** The release a colour's Deployment runs, as recorded on it; null for one no rollout wrote. */
    public static String deploymentIdOf(Deployment deployment) {
        return deployment == null ? null : annotations(deployment).get(DEPLOYMENT_ID);
    }

    /** The image of the Deployment's first container: the application's own. */
    public static String imageOf(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    public static int replicasOf(Deployment deployment) {
        return Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    }

    static Map<String, String> annotations(HasMetadata resource) {
        return Objects.requireNonNullElse(resource.getMetadata().getAnnotations(), Map.of());
    }
}
