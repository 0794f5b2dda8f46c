package io.switchback.healthmonitor;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Instant queries against the Prometheus HTTP API ({@code POST /api/v1/query}). A timeout, an answer other than
 * 2xx, or one whose {@code status} is not {@code success} completes the query exceptionally: the caller treats
 * it as missing data.
 */
final class PrometheusApi {

    /** One series of an instant vector: its labels, its value, and the query's evaluation time (seconds). */
    record Series(Map<String, String> labels, double value, double evaluatedAt) {

        String label(String name) {
            return labels.get(name);
        }
    }

    /** The query did not give a vector: Prometheus did not answer in time, failed, or refused it. */
    static final class QueryFailedException extends RuntimeException {
        QueryFailedException(String message) {
            super(message);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI endpoint;
    private final Duration timeout;
    private final HttpRequests http;

    /** @param concurrent how many queries may be on their way at once; more wait their turn */
    PrometheusApi(URI server, Duration connectTimeout, Duration timeout, int concurrent) {
        String base = server.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "api/v1/query");
        this.timeout = timeout;
        this.http = new HttpRequests(connectTimeout, concurrent);
    }

    CompletableFuture<List<Series>> query(String promql) {
        String form = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&timeout=" + timeout.toMillis() + "ms";
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.send(request).thenApply(PrometheusApi::vector);
    }

    static List<Series> vector(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new QueryFailedException("Prometheus answered " + response.statusCode());
        }
        return vector(response.body());
    }

    static List<Series> vector(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new QueryFailedException("Prometheus answered what is not JSON");
        }
        if (!"success".equals(root.path("status").asString(""))) {
            throw new QueryFailedException("Prometheus answered " + root.path("errorType").asString("an error")
                    + ": " + root.path("error").asString(""));
        }
        JsonNode data = root.path("data");
        if (!"vector".equals(data.path("resultType").asString(""))) {
            throw new QueryFailedException("Prometheus answered a " + data.path("resultType").asString("?")
                    + ", not a vector");
        }
        List<Series> series = new ArrayList<>();
        for (JsonNode result : data.path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            result.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString("")));
            JsonNode value = result.path("value");
            series.add(new Series(Map.copyOf(labels), PrometheusText.parseValue(value.path(1).asString("NaN")),
                    value.path(0).asDouble(Double.NaN)));
        }
        return series;
    }
}
