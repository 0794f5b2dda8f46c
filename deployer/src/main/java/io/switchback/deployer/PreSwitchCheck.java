package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.events.Color;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Before the switch: every pod of the idle colour answers its health endpoint with 200. */
class PreSwitchCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final KubernetesClient client;
    private final String healthPath;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    PreSwitchCheck(KubernetesClient client, String healthPath) {
        this.client = client;
        this.healthPath = healthPath;
    }

    /** @return empty when every pod passed, else what failed */
    Optional<String> failures(String namespace, String service, Color color) {
        if (healthPath.isBlank()) {
            return Optional.empty();
        }
        List<Pod> pods = client.pods().inNamespace(namespace)
                .withLabels(Map.of("app", service, "color", color.wire())).list().getItems();
        if (pods.isEmpty()) {
            return Optional.of("no " + color.wire() + " pods to check");
        }
        for (Pod pod : pods) {
            Optional<String> failure = check(pod);
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    private Optional<String> check(Pod pod) {
        String name = pod.getMetadata().getName();
        Optional<Integer> port = pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.<ContainerPort>empty() : c.getPorts().stream())
                .filter(p -> "http".equals(p.getName())).map(ContainerPort::getContainerPort).findFirst();
        if (pod.getStatus() == null || pod.getStatus().getPodIP() == null || port.isEmpty()) {
            return Optional.of("pod " + name + " has no IP or no port named http");
        }
        URI uri = URI.create("http://" + pod.getStatus().getPodIP() + ":" + port.get() + healthPath);
        try {
            int status = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? Optional.empty() : Optional.of("pod " + name + " answered " + status + " on " + healthPath);
        } catch (IOException e) {
            return Optional.of("pod " + name + " did not answer on " + healthPath + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking pod " + name);
        }
    }
}
