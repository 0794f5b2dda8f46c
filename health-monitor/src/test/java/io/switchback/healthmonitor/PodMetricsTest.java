package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PodMetricsTest {

    static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void sumsRequestsErrorsAndBucketsOverLabelSetsAndCountsOpenBreakers() {
        PodMetrics metrics = PodMetrics.from(PrometheusText.parse("""
                http_server_requests_seconds_count{method="GET",status="200",uri="/"} 90
                http_server_requests_seconds_count{method="GET",status="503",uri="/"} 6
                http_server_requests_seconds_count{method="POST",status="500",uri="/orders"} 4
                http_server_requests_seconds_count{method="GET",status="404",uri="/"} 5
                http_server_requests_seconds_count{method="GET",status="50",uri="/"} 0
                http_server_requests_seconds_count{method="GET",uri="/"} 0
                http_server_requests_seconds_count{method="GET",status="200",uri="/actuator/prometheus"} 1000
                http_server_requests_seconds_bucket{status="200",uri="/",le="0.1"} 80
                http_server_requests_seconds_bucket{status="500",uri="/",le="0.1"} 5
                http_server_requests_seconds_bucket{status="200",uri="/",le="+Inf"} 95
                http_server_requests_seconds_bucket{status="500",uri="/",le="+Inf"} 10
                http_server_requests_seconds_bucket{status="200",uri="/actuator/health",le="+Inf"} 7
                http_server_requests_seconds_bucket{status="200",uri="/"} 7
                http_server_requests_seconds_sum{status="200",uri="/"} 3.2
                resilience4j_circuitbreaker_state{name="backend",state="open"} 1
                resilience4j_circuitbreaker_state{name="backend",state="closed"} 0
                resilience4j_circuitbreaker_state{name="payments",state="open"} 0
                resilience4j_circuitbreaker_state{name="inventory",state="open"} 1
                """));

        assertThat(metrics.requests()).isEqualTo(105);
        assertThat(metrics.errors()).isEqualTo(10);
        assertThat(metrics.buckets()).containsExactly(Map.entry(0.1, 85.0), Map.entry(INF, 105.0));
        assertThat(metrics.openBreakers()).isEqualTo(2);
    }

    @Test
    void aPodWithoutTheMetricsHasNone() {
        PodMetrics metrics = PodMetrics.from(PrometheusText.parse("jvm_threads_live_threads 12\n"));

        assertThat(metrics).isEqualTo(new PodMetrics(0, 0, new TreeMap<>(), 0));
    }

    @Test
    void aCounterBelowTheEarlierOneIsARestart() {
        PodMetrics earlier = metrics(100, 5, 60, 100);

        assertThat(metrics(150, 6, 90, 150).resetSince(earlier)).isFalse();
        assertThat(metrics(20, 6, 90, 150).resetSince(earlier)).isTrue();
        assertThat(metrics(150, 1, 90, 150).resetSince(earlier)).isTrue();
        assertThat(metrics(150, 6, 10, 150).resetSince(earlier)).isTrue();
        assertThat(new PodMetrics(150, 6, Map.of(INF, 150.0), 0).resetSince(earlier)).as("a bucket gone").isTrue();
    }

    @Test
    void theDifferenceIsTheTrafficInBetween() {
        PodMetrics delta = metrics(150, 6, 90, 150).minus(metrics(100, 5, 60, 100));

        assertThat(delta.requests()).isEqualTo(50);
        assertThat(delta.errors()).isEqualTo(1);
        assertThat(delta.buckets()).containsExactly(Map.entry(0.1, 30.0), Map.entry(INF, 50.0));
    }

    static PodMetrics metrics(double requests, double errors, double fast, double all) {
        return new PodMetrics(requests, errors, Map.of(0.1, fast, INF, all), 0);
    }
}
