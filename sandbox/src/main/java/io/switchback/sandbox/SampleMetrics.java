package io.switchback.sandbox;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.switchback.healthmonitor.MetricsProfile;
import java.util.function.BooleanSupplier;

/**
 * The metrics a sample pod exposes, under the names one metrics profile expects, as the libraries of that world
 * write them: Spring Boot with Micrometer and Resilience4j, OpenTelemetry's Prometheus exporter, or a Prometheus
 * client library's usual {@code http_requests_total} and {@code http_request_duration_seconds}. Its metrics and
 * health paths are the profile's.
 */
final class SampleMetrics {

    static final String[] BREAKER_STATES = {"closed", "open", "half_open", "forced_open", "disabled", "metrics_only"};
    private static final double[] LATENCY_BUCKETS =
            {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 1, 1.5, 2, 3, 5, 10};

    private final MetricsProfile.Kind kind;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram latency;
    private final Counter requests;

    SampleMetrics(MetricsProfile.Kind kind, BooleanSupplier breakerOpen) {
        this.kind = kind;
        switch (kind) {
            case OPENTELEMETRY -> {
                latency = histogram("http_server_request_duration_seconds",
                        "http_request_method", "http_route", "http_response_status_code");
                requests = null;
            }
            case PROMETHEUS_CLIENT -> {
                latency = histogram("http_request_duration_seconds", "method", "handler");
                requests = Counter.builder().name("http_requests_total").help("HTTP requests")
                        .labelNames("method", "handler", "code").register(registry);
            }
            case SPRING_BOOT -> {
                latency = histogram("http_server_requests_seconds", "method", "uri", "status", "outcome");
                requests = null;
                breakerGauge(breakerOpen);
            }
            default -> throw new IllegalArgumentException("no sample metrics for the " + kind.wire() + " profile");
        }
    }

    PrometheusRegistry registry() {
        return registry;
    }

    String metricsPath() {
        return MetricsProfile.builtIn(kind).paths().metricsPath();
    }

    String healthPath() {
        return MetricsProfile.builtIn(kind).paths().healthPath();
    }

    /** One request served at {@code route}, answered {@code status} after {@code seconds}. */
    void observe(String method, String route, int status, double seconds) {
        String code = Integer.toString(status);
        switch (kind) {
            case OPENTELEMETRY -> latency.labelValues(method, route, code).observe(seconds);
            case PROMETHEUS_CLIENT -> {
                requests.labelValues(method, route, code).inc();
                latency.labelValues(method, route).observe(seconds);
            }
            default -> latency.labelValues(method, route, code, status >= 500 ? "SERVER_ERROR" : "SUCCESS")
                    .observe(seconds);
        }
    }

    private Histogram histogram(String name, String... labels) {
        return Histogram.builder().name(name).help("Duration of HTTP server request handling").unit(Unit.SECONDS)
                .labelNames(labels).classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
    }

    private void breakerGauge(BooleanSupplier open) {
        GaugeWithCallback.builder()
                .name("resilience4j_circuitbreaker_state")
                .help("The states of the circuit breaker")
                .labelNames("name", "state")
                .callback(callback -> {
                    String current = open.getAsBoolean() ? "open" : "closed";
                    for (String state : BREAKER_STATES) {
                        callback.call(state.equals(current) ? 1 : 0, "backend", state);
                    }
                })
                .register(registry);
    }
}
