package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The queries as Prometheus receives them; PrometheusSourceIT (sandbox) runs them against the real server. */
class PromQueriesTest {

    static final String SELECTOR = "namespace=\"shop\",pod=~\"checkout-green-a\\\\.1|checkout-green-b\"";

    @Test
    void theSpringBootQueriesReadEachPodsCountersWithoutTheActuator() {
        PromQueries q = PromQueries.of(MetricsProfile.SPRING_BOOT, "shop", List.of("checkout-green-b", "checkout-green-a.1"),
                "pod", "namespace");

        String traffic = SELECTOR + ",uri!~\"/actuator(/.*)?\"";
        assertThat(q.up()).isEqualTo("max by (pod) (up{" + SELECTOR + "})");
        assertThat(q.scrapedAt()).isEqualTo("max by (pod) (timestamp(up{" + SELECTOR + "}))");
        assertThat(q.requests()).isEqualTo("sum by (pod) (http_server_requests_seconds_count{" + traffic + "})");
        assertThat(q.errors()).isEqualTo("sum by (pod) (http_server_requests_seconds_count{" + traffic + ",status=~\"5..\"})");
        assertThat(q.latencyBuckets()).isEqualTo("sum by (pod, le) (http_server_requests_seconds_bucket{" + traffic + "})");
        assertThat(q.openBreakers())
                .isEqualTo("count by (pod) (resilience4j_circuitbreaker_state{" + SELECTOR + ",state=~\"(?i)open\"} > 0)");
    }

    @Test
    void severalStatusLabelsCountEachSeriesOnceAndNoBreakerMetricMeansNoQuery() {
        PromQueries q = PromQueries.of(MetricsProfile.PROMETHEUS_CLIENT, "shop", List.of("a"), "kubernetes_pod_name", "");

        String traffic = "kubernetes_pod_name=~\"a\",handler!~\"/metrics(/.*)?|/healthz(/.*)?\","
                + "path!~\"/metrics(/.*)?|/healthz(/.*)?\",route!~\"/metrics(/.*)?|/healthz(/.*)?\"";
        assertThat(q.errors()).isEqualTo("sum by (kubernetes_pod_name) ("
                + "http_requests_total{" + traffic + ",code=~\"5..\"}"
                + " or http_requests_total{" + traffic + ",code=\"\",status=~\"5..\"}"
                + " or http_requests_total{" + traffic + ",code=\"\",status=\"\",status_code=~\"5..\"})");
        assertThat(q.openBreakers()).isNull();
        assertThat(q.all()).hasSize(5);
    }

    @Test
    void fullExpressionsTakeThePodsSelector() {
        MetricsProfile custom = MetricsSettings.resolve(new MetricsSettings(MetricsProfile.Kind.CUSTOM, null, null, null,
                null, new MetricsSettings.Promql("sum by (pod) (shop_hits_total{$selector})",
                        "sum by (pod) (shop_hits_total{$selector,outcome=\"fault\"})", null, null)),
                null, "k", true);

        PromQueries q = PromQueries.of(custom, "shop", List.of("a"), "pod", "namespace");

        assertThat(q.requests()).isEqualTo("sum by (pod) (shop_hits_total{namespace=\"shop\",pod=~\"a\"})");
        assertThat(q.errors()).isEqualTo("sum by (pod) (shop_hits_total{namespace=\"shop\",pod=~\"a\",outcome=\"fault\"})");
        assertThat(q.latencyBuckets()).isNull();
        assertThat(q.openBreakers()).isNull();
    }
}
