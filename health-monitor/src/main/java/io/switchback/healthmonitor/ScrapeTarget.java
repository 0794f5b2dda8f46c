package io.switchback.healthmonitor;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where to read one pod: its Prometheus endpoint, on the port the {@code prometheus.io/port} annotation names,
 * else the container port named {@code http}, at the path {@code prometheus.io/path} names, else the service's
 * profile's; and its health endpoint at the profile's path, on the profile's health port, else the same port.
 */
public record ScrapeTarget(String pod, URI metrics, URI health) {

    static final String PORT_ANNOTATION = "prometheus.io/port";
    static final String PATH_ANNOTATION = "prometheus.io/path";
    static final String HTTP_PORT_NAME = "http";

    /** The target of a ready Spring Boot pod ({@link MetricsProfile#SPRING_BOOT}). */
    public static Optional<ScrapeTarget> of(Pod pod) {
        return of(pod, MetricsProfile.SPRING_BOOT.paths());
    }

    /** The target of a ready pod with an IP and a known port; empty for any other pod. */
    public static Optional<ScrapeTarget> of(Pod pod, MetricsProfile.Paths paths) {
        if (!PodState.isReady(pod) || pod.getStatus().getPodIP() == null) {
            return Optional.empty();
        }
        Map<String, String> annotations = Objects.requireNonNullElse(pod.getMetadata().getAnnotations(), Map.of());
        Optional<Integer> port = Optional.ofNullable(annotations.get(PORT_ANNOTATION))
                .flatMap(ScrapeTarget::portNumber)
                .or(() -> httpPort(pod));
        if (port.isEmpty()) {
            return Optional.empty();
        }
        String host = "http://" + pod.getStatus().getPodIP() + ":";
        String path = annotations.getOrDefault(PATH_ANNOTATION, paths.metricsPath());
        int healthPort = paths.healthPort() != null ? paths.healthPort() : port.get();
        return Optional.of(new ScrapeTarget(pod.getMetadata().getName(),
                URI.create(host + port.get() + (path.startsWith("/") ? path : "/" + path)),
                URI.create(host + healthPort + paths.healthPath())));
    }

    private static Optional<Integer> httpPort(Pod pod) {
        return pod.getSpec() == null ? Optional.empty() : pod.getSpec().getContainers().stream()
                .map(Container::getPorts).filter(Objects::nonNull).flatMap(List::stream)
                .filter(p -> HTTP_PORT_NAME.equals(p.getName()))
                .map(ContainerPort::getContainerPort).filter(Objects::nonNull).findFirst();
    }

    private static Optional<Integer> portNumber(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            return port > 0 && port < 65536 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
