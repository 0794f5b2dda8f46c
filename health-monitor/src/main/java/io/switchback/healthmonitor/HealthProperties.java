package io.switchback.healthmonitor;

import io.switchback.events.HealthCheck;
import io.switchback.events.MetricSource;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The rollback triggers of this environment ({@code switchback.health.*}) and per-service overrides
 * ({@code switchback.health.services.<service>.*}). Validated at start-up; docs/health-monitor.md says
 * why the defaults are what they are.
 *
 * @param evaluationInterval  how often each watched release is evaluated
 * @param window              a sequential check (error rate, latency) that saw no request for this long is
 *                            inconclusive; the other checks' verdicts report it as their span
 * @param consecutiveFailures failing evaluations in a row for a circuit-breaker or health-endpoint breach, and
 *                            evaluations without data in a row for any inconclusive verdict
 * @param soakCoverage        the share of a release's soak (its rollback window) over which every check must have
 *                            passed for the soak to pass ({@code health.soak-passed}); short of it the soak is held
 * @param canary              how a canary is judged against the live colour beside it
 * @param evidenceInterval    how often each watched release's figures (error rate, p95, their thresholds) are
 *                            published as {@code health.evidence}, for the status page's chart; 0 turns it off
 */
@Validated
@ConfigurationProperties("switchback.health")
public record HealthProperties(
        @NotNull @DurationMin(millis = 100) @DefaultValue("1s") Duration evaluationInterval,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("10s") Duration window,
        @Min(value = 1, message = "must be at least 1") @DefaultValue("2") int consecutiveFailures,
        @Valid @NotNull @DefaultValue ErrorRate errorRate,
        @Valid @NotNull @DefaultValue Latency p95Latency,
        @Valid @NotNull @DefaultValue Toggle circuitBreaker,
        @Valid @NotNull @DefaultValue Toggle healthEndpoint,
        @Valid @NotNull @DefaultValue Pods pods,
        @Valid @NotNull @DefaultValue Scrape scrape,
        @Valid @NotNull @DefaultValue Detection detection,
        Map<String, @Valid ServiceOverrides> services,
        @NotNull @DefaultValue("direct-scrape") MetricSource metricSource,
        @Valid @NotNull @DefaultValue MetricsSettings metrics,
        @Valid @NotNull @DefaultValue PrometheusSettings prometheus,
        @DecimalMin(value = "0", message = "must be at least 0") @DecimalMax(value = "1", message = "must be at most 1")
        @DefaultValue("0.8") double soakCoverage,
        @Valid @NotNull @DefaultValue CanaryBaseline canary,
        @NotNull @DurationMin(millis = 0) @DefaultValue("5s") Duration evidenceInterval) {

    /** The figures of every watched release each 5 s: a chart's resolution, not a verdict's. */
    static final Duration DEFAULT_EVIDENCE_INTERVAL = Duration.ofSeconds(5);

    static final String PREFIX = "switchback.health";

    @ConstructorBinding
    public HealthProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
        requireBaselinesBelowThresholds(errorRate, services);
        checkMetricSource(metricSource, prometheus);
        boolean promql = metricSource == MetricSource.PROMETHEUS;
        MetricsSettings.resolve(metrics, null, PREFIX + ".metrics", promql);
        services.forEach((service, o) -> MetricsSettings.resolve(metrics, o.metrics(),
                PREFIX + ".services." + service + ".metrics", promql));
    }

    /** Pods scraped directly with the {@code spring-boot} profile. */
    public HealthProperties(Duration evaluationInterval, Duration window, int consecutiveFailures,
            ErrorRate errorRate, Latency p95Latency, Toggle circuitBreaker, Toggle healthEndpoint, Pods pods,
            Scrape scrape, Detection detection, Map<String, ServiceOverrides> services) {
        this(evaluationInterval, window, consecutiveFailures, errorRate, p95Latency, circuitBreaker,
                healthEndpoint, pods, scrape, detection, services, MetricSource.DIRECT_SCRAPE,
                new MetricsSettings(null, null, null, null, null, null), PrometheusSettings.defaults(),
                SoakTally.DEFAULT_COVERAGE, CanaryBaseline.DEFAULTS, DEFAULT_EVIDENCE_INTERVAL);
    }

    /** These settings, reading the pods' metrics from {@code source}. */
    public HealthProperties withMetrics(MetricSource source, MetricsSettings settings, PrometheusSettings server) {
        return new HealthProperties(evaluationInterval, window, consecutiveFailures, errorRate, p95Latency,
                circuitBreaker, healthEndpoint, pods, scrape, detection, services, source, settings, server,
                soakCoverage, canary, evidenceInterval);
    }

    /** These settings, publishing each watched release's figures every {@code interval} (0: never). */
    public HealthProperties withEvidenceInterval(Duration interval) {
        return new HealthProperties(evaluationInterval, window, consecutiveFailures, errorRate, p95Latency,
                circuitBreaker, healthEndpoint, pods, scrape, detection, services, metricSource, metrics, prometheus,
                soakCoverage, canary, interval);
    }

    /**
     * @param threshold the highest acceptable share of 5xx responses
     * @param baseline  the healthy share the false-alarm budget is promised at; below the threshold
     */
    public record ErrorRate(
            @DefaultValue("true") boolean enabled,
            @DecimalMin(value = "0", inclusive = false, message = "must be above 0")
            @DecimalMax(value = "1", inclusive = false, message = "must be below 1") @DefaultValue("0.01") double threshold,
            @DecimalMin(value = "0", inclusive = false, message = "must be above 0")
            @DecimalMax(value = "1", inclusive = false, message = "must be below 1") @DefaultValue("0.005") double baseline) {
    }

    /**
     * @param threshold the highest acceptable p95: more than 5% of requests slower than it is a breach
     * @param baseline  the healthy share of requests slower than the threshold; below 5%
     */
    public record Latency(
            @DefaultValue("true") boolean enabled,
            @NotNull @DurationMin(millis = 1) @DefaultValue("500ms") Duration threshold,
            @DecimalMin(value = "0", inclusive = false, message = "must be above 0")
            @DecimalMax(value = "0.05", inclusive = false, message = "must be below 0.05") @DefaultValue("0.025") double baseline) {
    }

    public record Toggle(@DefaultValue("true") boolean enabled) {
    }

    /**
     * What Kubernetes says of the live colour's pods, judged by the {@code health-endpoint} check.
     *
     * @param unreadyGrace how long a pod may be not ready, or the colour short of its desired replicas,
     *                     before that counts as a failed health check
     */
    public record Pods(@NotNull @DurationMin(millis = 0) @DefaultValue("5s") Duration unreadyGrace) {
    }

    /**
     * How long a pod may take to accept the connection and to answer a scrape or a health request, and how many
     * releases are read and judged at once.
     */
    public record Scrape(
            @NotNull @DurationMin(millis = 1) @DefaultValue("500ms") Duration connectTimeout,
            @NotNull @DurationMin(millis = 1) @DefaultValue("500ms") Duration readTimeout,
            @Min(value = 1, message = "must be at least 1") @DefaultValue("16") int parallelism) {
    }

    /**
     * The sequential tests of the error rate and latency.
     *
     * @param falseAlarmsPerMonth false rollbacks per service and month (30 days) allowed at the baselines, the two
     *                            triggers together (half each)
     */
    public record Detection(
            @DecimalMin(value = "0", inclusive = false, message = "must be above 0")
            @DecimalMax(value = "1000", message = "must be at most 1000") @DefaultValue("1") double falseAlarmsPerMonth) {
    }

    /**
     * A canary against the live colour ({@code switchback.health.canary.*}).
     *
     * @param margin          how far above the live colour's 5xx share the canary's may be, 0..1 (0.01: one point)
     * @param minimumRequests requests each colour must have answered since the canary began before they are compared
     * @param z               the one-sided two-proportion z statistic a difference beyond the margin needs
     */
    public record CanaryBaseline(
            @DecimalMin(value = "0", message = "must be at least 0") @DecimalMax(value = "1", message = "must be at most 1")
            @DefaultValue("0.01") double margin,
            @Min(value = 1, message = "must be at least 1") @DefaultValue("200") long minimumRequests,
            @DecimalMin(value = "0", inclusive = false, message = "must be above 0") @DefaultValue("4") double z) {

        static final CanaryBaseline DEFAULTS = new CanaryBaseline(0.01, 200, 4);
    }

    /** What one service sets differently; anything absent comes from the environment's settings. */
    public record ServiceOverrides(
            @DurationMin(seconds = 1) Duration window,
            @Min(value = 1, message = "must be at least 1") Integer consecutiveFailures,
            @Valid ErrorRateOverride errorRate,
            @Valid LatencyOverride p95Latency,
            @Valid ToggleOverride circuitBreaker,
            @Valid ToggleOverride healthEndpoint,
            @Valid PodsOverride pods,
            @Valid DetectionOverride detection,
            @Valid MetricsSettings metrics) {

        @ConstructorBinding
        public ServiceOverrides {
        }

        public ServiceOverrides(Duration window, Integer consecutiveFailures, ErrorRateOverride errorRate,
                LatencyOverride p95Latency, ToggleOverride circuitBreaker, ToggleOverride healthEndpoint,
                PodsOverride pods, DetectionOverride detection) {
            this(window, consecutiveFailures, errorRate, p95Latency, circuitBreaker, healthEndpoint, pods, detection,
                    null);
        }
    }

    public record ErrorRateOverride(
            Boolean enabled,
            @DecimalMin(value = "0", inclusive = false, message = "must be above 0")
            @DecimalMax(value = "1", inclusive = false, message = "must be below 1") Double threshold,
            @DecimalMin(value = "0", inclusive = false, message = "must be above 0")
            @DecimalMax(value = "1", inclusive = false, message = "must be below 1") Double baseline) {
    }

    public record LatencyOverride(Boolean enabled, @DurationMin(millis = 1) Duration threshold,
            @DecimalMin(value = "0", inclusive = false, message = "must be above 0")
            @DecimalMax(value = "0.05", inclusive = false, message = "must be below 0.05") Double baseline) {
    }

    public record ToggleOverride(Boolean enabled) {
    }

    public record PodsOverride(@DurationMin(millis = 0) Duration unreadyGrace) {
    }

    public record DetectionOverride(
            @DecimalMin(value = "0", inclusive = false, message = "must be above 0")
            @DecimalMax(value = "1000", message = "must be at most 1000") Double falseAlarmsPerMonth) {
    }

    /** The rules for one service: its overrides over the environment's settings. */
    public HealthRules rulesFor(String service) {
        ServiceOverrides o = services.get(service);
        if (o == null) {
            o = new ServiceOverrides(null, null, null, null, null, null, null, null, null);
        }
        ErrorRateOverride e = o.errorRate() == null ? new ErrorRateOverride(null, null, null) : o.errorRate();
        LatencyOverride l = o.p95Latency() == null ? new LatencyOverride(null, null, null) : o.p95Latency();
        Set<HealthCheck> enabled = EnumSet.noneOf(HealthCheck.class);
        addIf(enabled, HealthCheck.ERROR_RATE, or(e.enabled(), errorRate.enabled()));
        addIf(enabled, HealthCheck.P95_LATENCY, or(l.enabled(), p95Latency.enabled()));
        // a service whose metrics have no breakers (or no histogram) has nothing for that check to judge: it is off
        MetricsProfile profile = profileFor(service);
        enabled.removeIf(check -> check == HealthCheck.P95_LATENCY && !profile.hasLatency());
        addIf(enabled, HealthCheck.CIRCUIT_BREAKER,
                or(toggle(o.circuitBreaker()), circuitBreaker.enabled()) && profile.hasBreakers());
        addIf(enabled, HealthCheck.HEALTH_ENDPOINT, or(toggle(o.healthEndpoint()), healthEndpoint.enabled()));
        return new HealthRules(evaluationInterval, or(o.window(), window), or(e.threshold(), errorRate.threshold()),
                or(e.baseline(), errorRate.baseline()), or(l.threshold(), p95Latency.threshold()),
                or(l.baseline(), p95Latency.baseline()),
                or(o.detection() == null ? null : o.detection().falseAlarmsPerMonth(), detection.falseAlarmsPerMonth()),
                or(o.consecutiveFailures(), consecutiveFailures),
                or(o.pods() == null ? null : o.pods().unreadyGrace(), pods.unreadyGrace()), enabled);
    }

    /** The environment's metrics profile: a service's unless it sets its own. */
    public MetricsProfile defaultProfile() {
        return MetricsSettings.resolve(metrics, null, PREFIX + ".metrics", metricSource == MetricSource.PROMETHEUS);
    }

    /** The metrics profile of one service: its settings over the environment's over the built-in profile's. */
    public MetricsProfile profileFor(String service) {
        ServiceOverrides o = services.get(service);
        return MetricsSettings.resolve(metrics, o == null ? null : o.metrics(), PREFIX + ".services." + service
                + ".metrics", metricSource == MetricSource.PROMETHEUS);
    }

    private static void checkMetricSource(MetricSource source, PrometheusSettings prometheus) {
        if (source != MetricSource.PROMETHEUS) {
            return;
        }
        URI url = prometheus == null ? null : prometheus.url();
        if (url == null || !url.isAbsolute() || !List.of("http", "https").contains(url.getScheme())
                || url.getHost() == null) {
            throw new IllegalArgumentException(PREFIX + ".prometheus.url must be the server's http(s) URL when "
                    + PREFIX + ".metric-source is prometheus, not " + url);
        }
    }

    private static Boolean toggle(ToggleOverride toggle) {
        return toggle == null ? null : toggle.enabled();
    }

    private static void addIf(Set<HealthCheck> checks, HealthCheck check, boolean enabled) {
        if (enabled) {
            checks.add(check);
        }
    }

    /** A baseline at or above its threshold leaves the test nothing to tell apart: start-up stops naming the key. */
    private static void requireBaselinesBelowThresholds(ErrorRate errorRate, Map<String, ServiceOverrides> services) {
        if (errorRate == null) {
            return;
        }
        requireBelow(PREFIX + ".", errorRate.baseline(), errorRate.threshold());
        services.forEach((service, o) -> {
            ErrorRateOverride e = o == null ? null : o.errorRate();
            if (e != null) {
                requireBelow(PREFIX + ".services." + service + ".", or(e.baseline(), errorRate.baseline()),
                        or(e.threshold(), errorRate.threshold()));
            }
        });
    }

    private static void requireBelow(String prefix, double baseline, double threshold) {
        boolean inRange = baseline > 0 && baseline < 1 && threshold > 0 && threshold < 1;
        // a value out of its own range is reported by its own constraint, naming it
        if (inRange && !(baseline < threshold)) {
            throw new IllegalArgumentException(prefix + "error-rate.baseline (" + baseline
                    + ") must be below the error-rate threshold that applies to it (" + threshold + ")");
        }
    }

    private static <T> T or(T override, T setting) {
        return override != null ? override : setting;
    }
}
