package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchback.events.Color;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import io.switchback.testkit.MockKubernetes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The PromQL source against a server that answers as the test says: what it reads from the answers, and that a
 * failing query makes every pod's counters missing, never partial. The real server: PrometheusSourceIT (sandbox).
 */
@MockKubernetes
class PrometheusSourceFailuresIT {

    private final MockApiServer server;
    private final KubernetesClient client;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private ColourObjects colours;
    private HttpServer prometheus;
    private volatile Function<String, Answer> answers;

    record Answer(int status, String body) {
    }

    PrometheusSourceFailuresIT(MockApiServer server, KubernetesClient client) throws IOException {
        this.server = server;
        this.client = client;
        prometheus = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        prometheus.createContext("/api/v1/query", this::query);
        prometheus.start();
    }

    @AfterEach
    void stop() {
        prometheus.stop(0);
        if (colours != null) {
            colours.stop();
        }
    }

    @Test
    void readsEachReadyPodsCountersAndTheirAgeFromTheAnswers() {
        try (FakePod a = new FakePod(10, 0)) {
            LiveReleases.pod(client, "checkout-green-a", "checkout", Color.GREEN, a.port(), true);
            LiveReleases.pod(client, "checkout-green-b", "checkout", Color.GREEN, a.port(), true);
            answers = query -> new Answer(200, query.startsWith("max by (pod) (up")
                    ? vector("{\"pod\":\"checkout-green-a\"}", 1, "{\"pod\":\"checkout-green-b\"}", 0)
                    : query.startsWith("max by (pod) (timestamp") ? vector("{\"pod\":\"checkout-green-a\"}", 996.5)
                    : query.contains("5..") ? vector("{\"pod\":\"checkout-green-a\"}", 7)
                    : query.startsWith("sum by (pod, le)") ? vector("{\"pod\":\"checkout-green-a\",\"le\":\"0.5\"}", 90,
                            "{\"pod\":\"checkout-green-a\",\"le\":\"+Inf\"}", 100)
                    : query.startsWith("count") ? vector()
                    : vector("{\"pod\":\"checkout-green-a\"}", 100));

            ReleaseSnapshot snapshot = source().snapshot(release());

            assertThat(snapshot.pods().get("checkout-green-a").metrics())
                    .isEqualTo(new PodMetrics(100, 7, Map.of(0.5, 90.0, Double.POSITIVE_INFINITY, 100.0), 0));
            assertThat(snapshot.pods().get("checkout-green-a").healthy()).as("asked directly").isTrue();
            assertThat(snapshot.pods().get("checkout-green-b").scraped()).as("Prometheus' scrape of it failed").isFalse();
            assertThat(snapshot.metricsAge()).isEqualTo(Duration.ofMillis(3_500));
            assertThat(queries).hasSize(6).allSatisfy(q -> assertThat(q).contains("namespace=\"" + LiveReleases.NAMESPACE
                    + "\",pod=~\"checkout-green-a|checkout-green-b\""));
        }
    }

    @Test
    void oneFailedQueryMakesEveryPodsCountersMissingNeverPartial() {
        try (FakePod a = new FakePod(10, 0)) {
            LiveReleases.pod(client, "checkout-green-a", "checkout", Color.GREEN, a.port(), true);
            for (Answer failure : List.of(new Answer(503, "upstream unavailable"),
                    new Answer(422, "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"too many samples\"}"))) {
                answers = query -> query.contains("5..") ? failure
                        : new Answer(200, vector("{\"pod\":\"checkout-green-a\"}", 1));

                ReleaseSnapshot snapshot = source().snapshot(release());

                assertThat(snapshot.pods().get("checkout-green-a").scraped()).as(failure.toString()).isFalse();
                assertThat(snapshot.pods().get("checkout-green-a").healthy()).isTrue();
                assertThat(snapshot.metricsAge()).isNull();
            }
        }
    }

    private PrometheusSource source() {
        HealthProperties health = HealthFixtures.health().withMetrics(io.switchback.events.MetricSource.PROMETHEUS,
                new MetricsSettings(null, null, null, null, null, null),
                PrometheusSettings.at(URI.create("http://127.0.0.1:" + prometheus.getAddress().getPort())));
        colours = new ColourObjects(server.client(Identities.HEALTH_MONITOR), HealthFixtures.cluster());
        colours.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(colours::known);
        return new PrometheusSource(colours, Clock.systemUTC(), health,
                new Misconfigurations(new SimpleMeterRegistry(), Clock.systemUTC(), Duration.ofSeconds(1)),
                new SimpleMeterRegistry());
    }

    private static WatchedRelease release() {
        return new WatchedRelease("checkout-staging-2", "checkout", Color.GREEN, "r/checkout:2", Instant.now(),
                Instant.now().plusSeconds(900));
    }

    /** An instant vector evaluated at 1000 s: label sets (JSON) and values, alternating. */
    private static String vector(Object... labelsAndValues) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            result.append(i == 0 ? "" : ",").append("{\"metric\":").append(labelsAndValues[i])
                    .append(",\"value\":[1000,\"").append(labelsAndValues[i + 1]).append("\"]}");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}";
    }

    private void query(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String query = URLDecoder.decode(form.substring("query=".length(), form.indexOf("&timeout=")),
                StandardCharsets.UTF_8);
        queries.add(query);
        Answer answer = answers.apply(query);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
