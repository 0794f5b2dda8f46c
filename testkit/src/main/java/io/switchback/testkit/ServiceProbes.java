package io.switchback.testkit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/** What Kubernetes and Prometheus ask of every Switchback service, asked over real HTTP. */
public final class ServiceProbes {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern KAFKA_UP = Pattern.compile("\"kafka\":\\{(\"details\":\\{[^{}]*\\},)?\"status\":\"UP\"");

    private ServiceProbes() {
    }

    /**
     * Liveness and readiness answer 200 UP, the health report has Kafka UP, and the Prometheus endpoint
     * serves JVM metrics. Readiness is awaited (bounded): Kafka health needs the first metadata answer.
     */
    public static void assertReadyWithKafkaAndScrapable(int port, String service) {
        await(service + " ready").atMost(Duration.ofSeconds(30))
                .until(() -> get(port, "/actuator/health/readiness").statusCode() == 200);

        HttpResponse<String> liveness = get(port, "/actuator/health/liveness");
        assertEquals(200, liveness.statusCode(), service + " liveness");
        HttpResponse<String> health = get(port, "/actuator/health");
        assertTrue(KAFKA_UP.matcher(health.body()).find(), service + " health should show Kafka UP: " + health.body());
        HttpResponse<String> metrics = get(port, "/actuator/prometheus");
        assertEquals(200, metrics.statusCode(), service + " /actuator/prometheus");
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"), service + " should expose JVM metrics");
    }

    /** The HTTP status of readiness: 200 when ready, 503 when not, -1 when nothing answers. */
    public static int readinessStatus(int port) {
        try {
            return get(port, "/actuator/health/readiness").statusCode();
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    public static HttpResponse<String> get(int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " on port " + port + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
