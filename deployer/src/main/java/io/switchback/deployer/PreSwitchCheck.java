package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.switchback.cluster.BlueGreenCluster;
import io.switchback.events.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** Before the switch: every pod of the idle colour answers its health endpoint with 200, asked in parallel. */
class PreSwitchCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final BlueGreenCluster cluster;
    private final String healthPath;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    PreSwitchCheck(BlueGreenCluster cluster, String healthPath) {
        this.cluster = cluster;
        this.healthPath = healthPath;
    }

    /** @return empty when every pod passed, else what failed */
    Optional<String> failures(String service, Color color) {
        if (healthPath.isBlank()) {
            return Optional.empty();
        }
        List<Pod> pods = cluster.pods(service, color);
        if (pods.isEmpty()) {
            return Optional.of("no " + color.wire() + " pods to check");
        }
        List<CompletableFuture<Optional<String>>> checks = pods.stream().map(this::check).toList();
        return checks.stream().map(CompletableFuture::join).flatMap(Optional::stream).findFirst();
    }

    private CompletableFuture<Optional<String>> check(Pod pod) {
        String name = pod.getMetadata().getName();
        Optional<Integer> port = pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts() == null ? Stream.<ContainerPort>empty() : c.getPorts().stream())
                .filter(p -> "http".equals(p.getName())).map(ContainerPort::getContainerPort)
                .filter(Objects::nonNull).findFirst();
        if (pod.getStatus() == null || pod.getStatus().getPodIP() == null || port.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.of("pod " + name + " has no IP or no port named http"));
        }
        URI uri = URI.create("http://" + pod.getStatus().getPodIP() + ":" + port.get() + healthPath);
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> r.statusCode() == 200 ? Optional.<String>empty()
                        : Optional.of("pod " + name + " answered " + r.statusCode() + " on " + healthPath))
                .exceptionally(e -> Optional.of("pod " + name + " did not answer on " + healthPath + ": "
                        + (e.getCause() == null ? e : e.getCause())));
    }
}
