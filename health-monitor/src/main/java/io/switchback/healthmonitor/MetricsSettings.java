package io.switchback.healthmonitor;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * {@code switchback.health.metrics.*}, and per service {@code switchback.health.services.<service>.metrics.*}:
 * the service's metrics profile, and anything that replaces a part of it. A service's setting wins over the
 * environment's, which wins over the profile's. {@link #resolve} checks that the result can judge anything.
 *
 * @param profile    the built-in profile; null for the environment's (a service's), {@code spring-boot} (the environment's)
 * @param healthPath the health endpoint's path; null for the profile's
 * @param healthPort the health endpoint's port; null for the metrics port
 * @param path       the metrics path, unless a pod's {@code prometheus.io/path} annotation says otherwise
 */
public record MetricsSettings(
        MetricsProfile.Kind profile,
        @Pattern(regexp = "/.*", message = "must start with /") String healthPath,
        @Min(value = 1, message = "must be a port") @Max(value = 65535, message = "must be a port") Integer healthPort,
        @Pattern(regexp = "/.*", message = "must start with /") String path,
        @Valid Names names,
        @Valid Promql promql) {

    static final String METRIC_NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    static final String LABEL_NAME = "[a-zA-Z_][a-zA-Z0-9_]*";
    private static final String NOT_A_METRIC = "must be a Prometheus metric name";
    private static final String NOT_A_LABEL = "must be a Prometheus label name";

    /** Metric and label names that replace the profile's ({@code custom} needs at least the first two). */
    public record Names(
            @Pattern(regexp = METRIC_NAME, message = NOT_A_METRIC) String requests,
            List<@Pattern(regexp = LABEL_NAME, message = NOT_A_LABEL) String> statusLabels,
            @Pattern(regexp = METRIC_NAME, message = NOT_A_METRIC) String latencyBuckets,
            MetricsProfile.LatencyUnit latencyUnit,
            @Pattern(regexp = METRIC_NAME, message = NOT_A_METRIC) String breakers,
            @Pattern(regexp = LABEL_NAME, message = NOT_A_LABEL) String breakerStateLabel,
            String breakerOpenValue,
            List<@Pattern(regexp = LABEL_NAME, message = NOT_A_LABEL) String> routeLabels,
            List<@Pattern(regexp = "/.*", message = "must start with /") String> excludedRoutes) {
    }

    /** PromQL expressions that replace the derived queries; each must contain {@value MetricsProfile.Promql#SELECTOR}. */
    public record Promql(
            @Pattern(regexp = SELECTOR_REGEX, message = SELECTOR_MESSAGE) String requests,
            @Pattern(regexp = SELECTOR_REGEX, message = SELECTOR_MESSAGE) String errors,
            @Pattern(regexp = SELECTOR_REGEX, message = SELECTOR_MESSAGE) String latencyBuckets,
            @Pattern(regexp = SELECTOR_REGEX, message = SELECTOR_MESSAGE) String openBreakers) {

        static final String SELECTOR_REGEX = "(?s).*\\$selector.*";
        static final String SELECTOR_MESSAGE = "must contain $selector where the pods' label matchers go";
    }

    /**
     * The profile of a service: its settings ({@code service}, may be null) over the environment's over the
     * built-in profile's.
     *
     * @param key     where the service's settings live, named in the error when the result is unusable
     * @param promql  whether the {@code prometheus} source reads it: full expressions may then stand for names
     * @throws IllegalArgumentException naming the key to set when the profile cannot judge the service
     */
    static MetricsProfile resolve(MetricsSettings environment, MetricsSettings service, String key, boolean promql) {
        MetricsSettings s = service == null ? new MetricsSettings(null, null, null, null, null, null) : service;
        MetricsProfile.Kind kind = or(s.profile, environment.profile);
        MetricsProfile base = MetricsProfile.builtIn(kind == null ? MetricsProfile.Kind.SPRING_BOOT : kind);
        Names n = merge(s.names, environment.names);
        Promql q = merge(s.promql, environment.promql);
        MetricsProfile.Paths paths = new MetricsProfile.Paths(
                or(s.path, environment.path, base.paths().metricsPath()),
                or(s.healthPath, environment.healthPath, base.paths().healthPath()),
                or(s.healthPort, environment.healthPort));
        MetricsProfile.Traffic t = base.traffic();
        List<String> excluded = n.excludedRoutes() != null ? n.excludedRoutes()
                : base.kind() == MetricsProfile.Kind.SPRING_BOOT ? t.excludedRoutes()
                : List.of(paths.metricsPath(), paths.healthPath());
        MetricsProfile.Traffic traffic = new MetricsProfile.Traffic(or(n.requests(), t.requests()),
                or(n.statusLabels(), t.statusLabels()), or(n.latencyBuckets(), t.latencyBuckets()),
                or(n.latencyUnit(), t.latencyUnit()), or(n.routeLabels(), t.routeLabels()), excluded);
        MetricsProfile.Breakers breakers = n.breakers() == null ? base.breakers()
                : new MetricsProfile.Breakers(n.breakers(), n.breakerStateLabel(), or(n.breakerOpenValue(), "open"));
        MetricsProfile.Promql expressions = promql ? new MetricsProfile.Promql(q.requests(), q.errors(),
                q.latencyBuckets(), q.openBreakers()) : MetricsProfile.Promql.NONE;
        if (traffic.requests() == null && !(promql && expressions.requests() != null)) {
            throw new IllegalArgumentException(key + ".names.requests must name the request counter of a "
                    + MetricsProfile.Kind.CUSTOM.wire() + " profile");
        }
        if (traffic.statusLabels().isEmpty() && !(promql && expressions.errors() != null)) {
            throw new IllegalArgumentException(key + ".names.status-labels must name the label with the HTTP status "
                    + "of a " + MetricsProfile.Kind.CUSTOM.wire() + " profile");
        }
        return new MetricsProfile(base.kind(), traffic, breakers, paths, expressions);
    }

    private static Names merge(Names service, Names environment) {
        Names e = environment == null ? new Names(null, null, null, null, null, null, null, null, null) : environment;
        if (service == null) {
            return e;
        }
        return new Names(or(service.requests, e.requests), or(service.statusLabels, e.statusLabels),
                or(service.latencyBuckets, e.latencyBuckets), or(service.latencyUnit, e.latencyUnit),
                or(service.breakers, e.breakers), or(service.breakerStateLabel, e.breakerStateLabel),
                or(service.breakerOpenValue, e.breakerOpenValue), or(service.routeLabels, e.routeLabels),
                or(service.excludedRoutes, e.excludedRoutes));
    }

    private static Promql merge(Promql service, Promql environment) {
        Promql e = environment == null ? new Promql(null, null, null, null) : environment;
        if (service == null) {
            return e;
        }
        return new Promql(or(service.requests, e.requests), or(service.errors, e.errors),
                or(service.latencyBuckets, e.latencyBuckets), or(service.openBreakers, e.openBreakers));
    }

    @SafeVarargs
    private static <T> T or(T... candidates) {
        for (T candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }
}
