package io.switchback.healthmonitor;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which metrics and endpoints of a service give each trigger its figures: the request counter and the label
 * with the HTTP status (5xx are errors), the latency histogram, the open-circuit-breaker metric (none: that
 * check is off for the service), the requests that are not the application's traffic, and where the metrics and
 * the health endpoint are served. A built-in {@link Kind} gives all of it; a service's settings replace any part
 * ({@link MetricsSettings}). Read from the text exposition by {@link #read}, or by PromQL ({@link PromQueries}).
 *
 * @param traffic  requests, errors and latency
 * @param breakers the open-breaker metric; null when the service has none
 * @param paths    where the metrics and the health endpoint are
 * @param promql   full PromQL expressions that replace the derived ones (custom services); each may be null
 */
public record MetricsProfile(Kind kind, Traffic traffic, Breakers breakers, Paths paths, Promql promql) {

    /** The built-in profiles. */
    public enum Kind {
        /** Spring Boot with Micrometer: {@code http_server_requests_seconds}, Resilience4j's breaker gauge. */
        SPRING_BOOT("spring-boot"),
        /** OpenTelemetry's HTTP semantic conventions as its Prometheus exporter writes them. */
        OPENTELEMETRY("opentelemetry"),
        /** The Prometheus client libraries' common {@code http_requests_total} and {@code http_request_duration_seconds}. */
        PROMETHEUS_CLIENT("prometheus-client"),
        /** Nothing built in: the service's settings name every metric. */
        CUSTOM("custom");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** How the latency histogram's {@code le} bounds are written. */
    public enum LatencyUnit {
        SECONDS(1), MILLISECONDS(0.001);

        private final double toSeconds;

        LatencyUnit(double toSeconds) {
            this.toSeconds = toSeconds;
        }

        double toSeconds(double bound) {
            return bound * toSeconds;
        }
    }

    /**
     * @param requests       the cumulative request counter (a counter, or a histogram's {@code _count})
     * @param statusLabels   the labels that may carry the HTTP status, first present wins; a value starting with 5
     *                       ({@code 503}, {@code 5xx}) is an error
     * @param latencyBuckets the latency histogram's {@code _bucket} series; null when the service has none
     * @param routeLabels    the labels that may carry the request's path or route
     * @param excludedRoutes routes that are not the application's traffic (probes, scrapes): a route equal to one,
     *                       or below it ({@code /actuator} covers {@code /actuator/health})
     */
    public record Traffic(String requests, List<String> statusLabels, String latencyBuckets, LatencyUnit latencyUnit,
            List<String> routeLabels, List<String> excludedRoutes) {

        public Traffic {
            statusLabels = List.copyOf(statusLabels);
            routeLabels = List.copyOf(routeLabels);
            excludedRoutes = List.copyOf(excludedRoutes);
        }

        boolean excluded(String route) {
            return route != null && excludedRoutes.stream()
                    .anyMatch(prefix -> route.equals(prefix) || route.startsWith(prefix.endsWith("/") ? prefix : prefix + "/"));
        }
    }

    /**
     * @param metric     a gauge per breaker
     * @param stateLabel the label that names the state; null when the gauge itself is 1 while open
     * @param openValue  the state label's value for an open breaker
     */
    public record Breakers(String metric, String stateLabel, String openValue) {
    }

    /**
     * @param metricsPath where the metrics are served, unless the pod's {@code prometheus.io/path} says otherwise
     * @param healthPath  the health endpoint: 2xx is healthy; 404 is a configuration error, not a failure
     * @param healthPort  the health endpoint's port; null: the metrics port
     */
    public record Paths(String metricsPath, String healthPath, Integer healthPort) {
    }

    /**
     * PromQL expressions for the {@code prometheus} source, with {@value #SELECTOR} where the pods' label matchers
     * go. Each must give one series per pod label ({@code sum by (pod) (...)}), the buckets one per pod and
     * {@code le}.
     */
    public record Promql(String requests, String errors, String latencyBuckets, String openBreakers) {

        public static final String SELECTOR = "$selector";
        static final Promql NONE = new Promql(null, null, null, null);
    }

    public static final MetricsProfile SPRING_BOOT = new MetricsProfile(Kind.SPRING_BOOT,
            new Traffic("http_server_requests_seconds_count", List.of("status"), "http_server_requests_seconds_bucket",
                    LatencyUnit.SECONDS, List.of("uri"), List.of("/actuator")),
            new Breakers("resilience4j_circuitbreaker_state", "state", "open"),
            new Paths("/actuator/prometheus", "/actuator/health", null), Promql.NONE);

    public static final MetricsProfile OPENTELEMETRY = new MetricsProfile(Kind.OPENTELEMETRY,
            new Traffic("http_server_request_duration_seconds_count", List.of("http_response_status_code"),
                    "http_server_request_duration_seconds_bucket", LatencyUnit.SECONDS, List.of("http_route"),
                    List.of("/metrics", "/healthz")),
            null, new Paths("/metrics", "/healthz", null), Promql.NONE);

    public static final MetricsProfile PROMETHEUS_CLIENT = new MetricsProfile(Kind.PROMETHEUS_CLIENT,
            new Traffic("http_requests_total", List.of("code", "status", "status_code"),
                    "http_request_duration_seconds_bucket", LatencyUnit.SECONDS, List.of("handler", "path", "route"),
                    List.of("/metrics", "/healthz")),
            null, new Paths("/metrics", "/healthz", null), Promql.NONE);

    /** Nothing measured yet: the settings must name the request counter and the status labels. */
    static final MetricsProfile CUSTOM = new MetricsProfile(Kind.CUSTOM,
            new Traffic(null, List.of(), null, LatencyUnit.SECONDS, List.of(), List.of("/metrics", "/healthz")),
            null, new Paths("/metrics", "/healthz", null), Promql.NONE);

    public static MetricsProfile builtIn(Kind kind) {
        return switch (kind) {
            case SPRING_BOOT -> SPRING_BOOT;
            case OPENTELEMETRY -> OPENTELEMETRY;
            case PROMETHEUS_CLIENT -> PROMETHEUS_CLIENT;
            case CUSTOM -> CUSTOM;
        };
    }

    public boolean hasBreakers() {
        return breakers != null || promql.openBreakers() != null;
    }

    public boolean hasLatency() {
        return traffic.latencyBuckets() != null || promql.latencyBuckets() != null;
    }

    /** Sums one pod's exposition into its counters, leaving out what is not the application's traffic. */
    public PodMetrics read(List<PrometheusText.Sample> samples) {
        double requests = 0;
        double errors = 0;
        int openBreakers = 0;
        Map<Double, Double> buckets = new TreeMap<>();
        for (PrometheusText.Sample sample : samples) {
            if (breakers != null && sample.name().equals(breakers.metric())) {
                openBreakers += open(sample) ? 1 : 0;
            } else if (!isTraffic(sample)) {
                continue;
            } else if (sample.name().equals(traffic.requests())) {
                requests += sample.value();
                errors += isServerError(sample) ? sample.value() : 0;
            } else if (sample.name().equals(traffic.latencyBuckets()) && sample.label("le") != null) {
                double le = traffic.latencyUnit().toSeconds(PrometheusText.parseValue(sample.label("le")));
                buckets.merge(le, sample.value(), Double::sum);
            }
        }
        return new PodMetrics(requests, errors, buckets, openBreakers);
    }

    private boolean open(PrometheusText.Sample sample) {
        return sample.value() > 0 && (breakers.stateLabel() == null
                || breakers.openValue().equalsIgnoreCase(sample.label(breakers.stateLabel())));
    }

    private boolean isTraffic(PrometheusText.Sample sample) {
        return traffic.routeLabels().stream().map(sample::label).noneMatch(traffic::excluded);
    }

    private boolean isServerError(PrometheusText.Sample sample) {
        String status = traffic.statusLabels().stream().map(sample::label)
                .filter(Objects::nonNull).findFirst().orElse(null);
        return status != null && status.length() == 3 && status.charAt(0) == '5';
    }

    /** For a person: e.g. {@code opentelemetry (http_server_request_duration_seconds_count)}. */
    public String describe() {
        return kind.wire() + " (" + (traffic.requests() != null ? traffic.requests() : "PromQL") + ")";
    }
}
