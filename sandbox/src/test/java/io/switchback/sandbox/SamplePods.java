package io.switchback.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.events.Color;
import io.switchback.healthmonitor.MetricsProfile;
import io.switchback.healthmonitor.WatchedRelease;
import io.switchback.mockapi.MockApiServer;
import io.switchback.testkit.RunningPods;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real sample workloads registered as the ready green pods of their services in the mock API server, with the
 * requests the test sends them counted as the client saw them, and as the scrape targets of a Prometheus server.
 */
final class SamplePods implements AutoCloseable {

    static final String NAMESPACE = MockApiServer.NAMESPACE;

    /** One pod: its workload and what its clients saw. */
    record Pod(String service, String name, SampleWorkload workload, MetricsProfile.Kind profile, AtomicLong requests,
            AtomicLong errors) {
    }

    private final KubernetesClient client;
    private final List<Pod> pods = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final ScheduledExecutorService traffic = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "sample-traffic");
        thread.setDaemon(true);
        return thread;
    });

    SamplePods(KubernetesClient client) {
        this.client = client;
    }

    /** Starts {@code count} pods of {@code service} running {@code image}, exposing {@code profile}'s metrics. */
    List<Pod> start(String service, String image, MetricsProfile.Kind profile, int count) {
        List<Pod> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = service + "-green-" + (char) ('a' + i);
            SampleWorkload workload = new SampleWorkload(name, WorkloadBehaviour.fromImage(image), 0, profile);
            RunningPods.create(client, NAMESPACE, name, Map.of("app", service, "color", "green"), workload.port(), true);
            Pod pod = new Pod(service, name, workload, profile, new AtomicLong(), new AtomicLong());
            pods.add(pod);
            started.add(pod);
        }
        return started;
    }

    static WatchedRelease release(String service) {
        Instant now = Instant.now();
        return new WatchedRelease(service + "-staging-2", service, Color.GREEN, "r/" + service + ":2", now,
                now.plusSeconds(900));
    }

    /** The pods as a Prometheus server's scrape targets, labelled with their pod and namespace. */
    List<PrometheusServer.Target> targets() {
        return pods.stream().map(p -> new PrometheusServer.Target("127.0.0.1:" + p.workload().port(), Map.of(
                "pod", p.name(), "namespace", NAMESPACE,
                "__metrics_path__", MetricsProfile.builtIn(p.profile()).paths().metricsPath()))).toList();
    }

    /** Sends one request to every pod every {@code period}, until closed. */
    void steadyTraffic(Duration period) {
        traffic.scheduleAtFixedRate(() -> pods.forEach(this::sendAsync), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends {@code count} requests to {@code pod} one after the other. */
    void send(Pod pod, int count) {
        for (int i = 0; i < count; i++) {
            try {
                count(pod, http.send(request(pod), HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sendAsync(Pod pod) {
        http.sendAsync(request(pod), HttpResponse.BodyHandlers.discarding())
                .thenAccept(response -> count(pod, response.statusCode()));
    }

    private static void count(Pod pod, int status) {
        pod.requests().incrementAndGet();
        if (status >= 500) {
            pod.errors().incrementAndGet();
        }
    }

    private static HttpRequest request(Pod pod) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pod.workload().port() + "/"))
                .timeout(Duration.ofSeconds(5)).GET().build();
    }

    @Override
    public void close() {
        traffic.shutdownNow();
        pods.forEach(p -> p.workload().close());
    }
}
