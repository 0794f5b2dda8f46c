package io.switchback.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Routes a Service's traffic as kube-proxy would: to the ready pods its selector matches, round robin.
 * Services and pods come from watches (informers), so a selector patch takes effect as soon as the
 * watch event arrives, with no polling interval.
 */
public final class TrafficRouter implements AutoCloseable {

    /** Where one request goes. */
    public record Endpoint(String pod, String color, int port) {
    }

    private final String namespace;
    private final String service;
    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<Pod> pods;
    private final AtomicLong next = new AtomicLong();

    public TrafficRouter(KubernetesClient client, String namespace, String service) {
        this.namespace = namespace;
        this.service = service;
        this.services = Informers.start(client.services().inNamespace(namespace).withName(service), null);
        this.pods = Informers.start(client.pods().inNamespace(namespace), null);
    }

    /** The ready pods the Service selects now, in a stable order. */
    public List<Endpoint> endpoints() {
        Service current = services.getStore().getByKey(namespace + "/" + service);
        if (current == null || current.getSpec() == null || current.getSpec().getSelector() == null
                || current.getSpec().getSelector().isEmpty()) {
            return List.of();
        }
        // a key a JSON merge patch removed (a canary's colour) is removed on a real API server, kept null by the mock
        Map<String, String> selector = current.getSpec().getSelector().entrySet().stream()
                .filter(e -> e.getValue() != null).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return pods.getStore().list().stream()
                .filter(p -> p.getMetadata().getLabels() != null
                        && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .filter(PodObjects::isReady)
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> new Endpoint(p.getMetadata().getName(), p.getMetadata().getLabels().get("color"),
                        p.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort()))
                .sorted(Comparator.comparing(Endpoint::pod))
                .toList();
    }

    /** The next endpoint, round robin; empty when the Service has no ready pod. */
    public Optional<Endpoint> pick() {
        List<Endpoint> endpoints = endpoints();
        if (endpoints.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(endpoints.get((int) (next.getAndIncrement() % endpoints.size())));
    }

    public String service() {
        return service;
    }

    @Override
    public void close() {
        services.close();
        pods.close();
    }
}
