package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each profile reads what its libraries really write, and leaves out what is not the application's traffic. */
class MetricsProfileTest {

    static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void openTelemetryReadsTheHttpSemanticConventions() {
        PodMetrics metrics = MetricsProfile.OPENTELEMETRY.read(PrometheusText.parse("""
                http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="200",http_route="/orders",le="0.1"} 90
                http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="200",http_route="/orders",le="+Inf"} 95
                http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="503",http_route="/orders",le="0.1"} 1
                http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="503",http_route="/orders",le="+Inf"} 5
                http_server_request_duration_seconds_count{http_request_method="GET",http_response_status_code="200",http_route="/orders"} 95
                http_server_request_duration_seconds_count{http_request_method="GET",http_response_status_code="503",http_route="/orders"} 5
                http_server_request_duration_seconds_count{http_request_method="GET",http_response_status_code="200",http_route="/healthz"} 700
                http_server_request_duration_seconds_count{http_request_method="GET",http_response_status_code="200",http_route="/metrics"} 300
                http_server_request_duration_seconds_sum{http_request_method="GET",http_response_status_code="200",http_route="/orders"} 3.5
                """));

        assertThat(metrics).isEqualTo(new PodMetrics(100, 5, Map.of(0.1, 91.0, INF, 100.0), 0));
        assertThat(MetricsProfile.OPENTELEMETRY.hasBreakers()).as("no breaker convention").isFalse();
    }

    @Test
    void thePrometheusClientProfileTakesCodeOrStatusAndGroupedClasses() {
        PodMetrics metrics = MetricsProfile.PROMETHEUS_CLIENT.read(PrometheusText.parse("""
                http_requests_total{code="200",handler="/api"} 50
                http_requests_total{code="500",handler="/api"} 2
                http_requests_total{status="5xx",handler="/api"} 3
                http_requests_total{status_code="502",path="/api"} 1
                http_requests_total{status="2xx",handler="/metrics"} 999
                http_requests_total{code="500",handler="/healthz"} 7
                http_request_duration_seconds_bucket{handler="/api",le="0.5"} 50
                http_request_duration_seconds_bucket{handler="/api",le="+Inf"} 56
                http_request_duration_seconds_bucket{handler="/metrics",le="+Inf"} 999
                """));

        assertThat(metrics).isEqualTo(new PodMetrics(56, 6, Map.of(0.5, 50.0, INF, 56.0), 0));
    }

    @Test
    void aCustomProfileNamesItsOwnMetricsInItsOwnUnits() {
        MetricsProfile custom = MetricsSettings.resolve(new MetricsSettings(MetricsProfile.Kind.CUSTOM, "/ready", null,
                null, new MetricsSettings.Names("shop_requests_total", List.of("http_status"), "shop_latency_ms_bucket",
                        MetricsProfile.LatencyUnit.MILLISECONDS, "shop_breaker_open", null, null, List.of("endpoint"),
                        null), null), null, "switchback.health.metrics", false);

        PodMetrics metrics = custom.read(PrometheusText.parse("""
                shop_requests_total{endpoint="/cart",http_status="200"} 40
                shop_requests_total{endpoint="/cart",http_status="504"} 10
                shop_requests_total{endpoint="/ready",http_status="503"} 10
                shop_latency_ms_bucket{endpoint="/cart",le="250"} 30
                shop_latency_ms_bucket{endpoint="/cart",le="+Inf"} 50
                shop_breaker_open{name="payments"} 1
                shop_breaker_open{name="stock"} 0
                """));

        assertThat(metrics).isEqualTo(new PodMetrics(50, 10, Map.of(0.25, 30.0, INF, 50.0), 1));
        assertThat(custom.paths()).isEqualTo(new MetricsProfile.Paths("/metrics", "/ready", null));
        assertThat(custom.traffic().excludedRoutes()).as("its own probes and scrapes").containsExactly("/metrics", "/ready");
    }

    @Test
    void anExcludedRouteCoversWhatIsBelowItOnly() {
        MetricsProfile.Traffic spring = MetricsProfile.SPRING_BOOT.traffic();

        assertThat(spring.excluded("/actuator")).isTrue();
        assertThat(spring.excluded("/actuator/health/liveness")).isTrue();
        assertThat(spring.excluded("/actuators")).isFalse();
        assertThat(spring.excluded("/orders")).isFalse();
        assertThat(spring.excluded(null)).isFalse();
    }

    @Test
    void aServiceSettingWinsOverTheEnvironmentsWhichWinsOverTheProfiles() {
        MetricsSettings environment = new MetricsSettings(MetricsProfile.Kind.OPENTELEMETRY, "/health", null, null,
                null, null);
        MetricsSettings checkout = new MetricsSettings(MetricsProfile.Kind.SPRING_BOOT, null, 8081, null, null, null);

        MetricsProfile inherited = MetricsSettings.resolve(environment, null, "k", false);
        assertThat(inherited.kind()).isEqualTo(MetricsProfile.Kind.OPENTELEMETRY);
        assertThat(inherited.paths()).isEqualTo(new MetricsProfile.Paths("/metrics", "/health", null));

        MetricsProfile own = MetricsSettings.resolve(environment, checkout, "k", false);
        assertThat(own.traffic()).isEqualTo(MetricsProfile.SPRING_BOOT.traffic());
        assertThat(own.breakers()).isEqualTo(MetricsProfile.SPRING_BOOT.breakers());
        assertThat(own.paths()).isEqualTo(new MetricsProfile.Paths("/actuator/prometheus", "/health", 8081));
    }
}
