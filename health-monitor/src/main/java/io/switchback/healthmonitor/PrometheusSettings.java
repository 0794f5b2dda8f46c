package io.switchback.healthmonitor;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchback.health.prometheus.*}: the Prometheus server the {@code prometheus} metric source queries.
 *
 * @param url            the server's base URL, e.g. {@code http://prometheus.monitoring:9090}; required with that source
 * @param connectTimeout how long the server may take to accept the connection
 * @param queryTimeout   how long one evaluation waits for its queries; later is missing data
 * @param podLabel       the label that carries the pod's name in the server's series (relabelled from
 *                       {@code __meta_kubernetes_pod_name})
 * @param namespaceLabel the label that carries the namespace; empty when the server has none
 */
public record PrometheusSettings(
        URI url,
        @NotNull @DurationMin(millis = 1) @DefaultValue("500ms") Duration connectTimeout,
        @NotNull @DurationMin(millis = 1) @DefaultValue("2s") Duration queryTimeout,
        @NotNull @Pattern(regexp = MetricsSettings.LABEL_NAME, message = "must be a Prometheus label name")
        @DefaultValue("pod") String podLabel,
        @NotNull @Pattern(regexp = "|" + MetricsSettings.LABEL_NAME, message = "must be a Prometheus label name or empty")
        @DefaultValue("namespace") String namespaceLabel) {

    /** No server, and the defaults of everything else. */
    public static PrometheusSettings defaults() {
        return new PrometheusSettings(null, Duration.ofMillis(500), Duration.ofSeconds(2), "pod", "namespace");
    }

    /** The defaults, querying {@code url}. */
    public static PrometheusSettings at(URI url) {
        PrometheusSettings d = defaults();
        return new PrometheusSettings(url, d.connectTimeout(), d.queryTimeout(), d.podLabel(), d.namespaceLabel());
    }
}
