package io.switchback.healthmonitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a release's traffic from a Prometheus server: instant queries ({@link PromQueries}) give each ready pod's
 * cumulative counters as of Prometheus' latest scrape of it, so the window works as with the direct scrape,
 * restarts included. What Kubernetes says of the pods still comes from the cluster, and each ready pod's health
 * endpoint is still asked directly: Prometheus knows the counters, not whether a pod answers now. A query that
 * times out or fails is missing data for every pod of that evaluation (a request count without its error count
 * would read as no errors), never a failure. The snapshot carries the data's age: the scrape-interval lag.
 */
public class PrometheusSource implements MetricSource {

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusSource.class);

    private final ColourObjects cluster;
    private final Clock clock;
    private final HealthProperties health;
    private final PodEndpoints endpoints;
    private final PrometheusApi prometheus;
    private final Misconfigurations misconfigurations;
    private final MeterRegistry meters;
    private final Duration overallTimeout;

    public PrometheusSource(ColourObjects cluster, Clock clock, HealthProperties health,
            Misconfigurations misconfigurations, MeterRegistry meters) {
        this.cluster = cluster;
        this.clock = clock;
        this.health = health;
        this.misconfigurations = misconfigurations;
        this.meters = meters;
        PrometheusSettings server = health.prometheus();
        this.endpoints = new PodEndpoints(health.scrape().connectTimeout(), health.scrape().readTimeout(),
                health.scrape().parallelism());
        this.prometheus = new PrometheusApi(server.url(), server.connectTimeout(), server.queryTimeout(),
                health.scrape().parallelism() * PromQueries.PER_RELEASE);
        Duration probes = health.scrape().connectTimeout().plus(health.scrape().readTimeout());
        Duration queries = server.connectTimeout().plus(server.queryTimeout());
        this.overallTimeout = (probes.compareTo(queries) > 0 ? probes : queries).plusMillis(200);
    }

    @Override
    public io.switchback.events.MetricSource kind() {
        return io.switchback.events.MetricSource.PROMETHEUS;
    }

    @Override
    public ReleaseSnapshot snapshot(WatchedRelease release) {
        Instant at = clock.instant();
        MetricsProfile profile = health.profileFor(release.service());
        LiveColour colour = LiveColour.read(cluster, release, profile);
        List<ScrapeTarget> targets = colour.targets();
        List<CompletableFuture<PodEndpoints.Read>> probes = targets.stream().map(endpoints::probe).toList();
        CompletableFuture<PromReading> counters = targets.isEmpty()
                ? CompletableFuture.completedFuture(PromReading.NONE)
                : read(PromQueries.of(profile, cluster.namespace(), targets.stream().map(ScrapeTarget::pod).toList(),
                        health.prometheus().podLabel(), health.prometheus().namespaceLabel()), profile);
        List<CompletableFuture<?>> reads = new ArrayList<>(probes);
        reads.add(counters);
        Bounded.await(reads, overallTimeout, release.service());
        List<PodEndpoints.Read> answered = Bounded.done(probes);
        PromReading reading = Bounded.done(List.of(counters)).stream().findFirst().orElse(PromReading.NONE);
        misconfigurations.observe(release.service(), Bounded.misconfigured(answered));
        List<PodSample> samples = answered.stream().map(PodEndpoints.Read::sample)
                .map(s -> new PodSample(s.pod(), reading.metrics().get(s.pod()), s.healthy(), s.misconfiguration()))
                .toList();
        return colour.snapshot(at, samples).withMetricsAge(reading.age());
    }

    private CompletableFuture<PromReading> read(PromQueries queries, MetricsProfile profile) {
        String pod = health.prometheus().podLabel();
        CompletableFuture<List<PrometheusApi.Series>> up = query(queries.up());
        CompletableFuture<List<PrometheusApi.Series>> scrapedAt = query(queries.scrapedAt());
        CompletableFuture<List<PrometheusApi.Series>> requests = query(queries.requests());
        CompletableFuture<List<PrometheusApi.Series>> errors = query(queries.errors());
        CompletableFuture<List<PrometheusApi.Series>> buckets = optional(queries.latencyBuckets());
        CompletableFuture<List<PrometheusApi.Series>> breakers = optional(queries.openBreakers());
        return CompletableFuture.allOf(up, scrapedAt, requests, errors, buckets, breakers)
                .thenApply(done -> PromReading.of(pod, up.join(), scrapedAt.join(), requests.join(), errors.join(),
                        buckets.join(), breakers.join(), profile))
                .exceptionally(failure -> {
                    LOG.debug("Prometheus queries failed: missing data ({})", failure.toString());
                    return PromReading.NONE;
                });
    }

    private CompletableFuture<List<PrometheusApi.Series>> optional(String promql) {
        return promql == null ? CompletableFuture.completedFuture(List.of()) : query(promql);
    }

    private CompletableFuture<List<PrometheusApi.Series>> query(String promql) {
        return prometheus.query(promql).whenComplete((result, failure) -> Counter.builder("switchback.health.prometheus.queries")
                .description("Instant queries against Prometheus, by outcome").tag("outcome", failure == null ? "ok" : "failed")
                .register(meters).increment());
    }

    /** The pods' counters as one consistent reading, and the age of the oldest pod's data. */
    record PromReading(Map<String, PodMetrics> metrics, Duration age) {

        static final PromReading NONE = new PromReading(Map.of(), null);

        static PromReading of(String podLabel, List<PrometheusApi.Series> up, List<PrometheusApi.Series> scrapedAt,
                List<PrometheusApi.Series> requests, List<PrometheusApi.Series> errors,
                List<PrometheusApi.Series> buckets, List<PrometheusApi.Series> breakers, MetricsProfile profile) {
            Map<String, Double> requestsOf = byPod(requests, podLabel);
            Map<String, Double> errorsOf = byPod(errors, podLabel);
            Map<String, Double> breakersOf = byPod(breakers, podLabel);
            Map<String, PodMetrics> metrics = up.stream().filter(s -> s.value() > 0 && s.label(podLabel) != null)
                    .map(s -> s.label(podLabel)).distinct().collect(Collectors.toMap(Function.identity(), p ->
                            new PodMetrics(requestsOf.getOrDefault(p, 0.0), errorsOf.getOrDefault(p, 0.0),
                                    bucketsOf(buckets, podLabel, p, profile), breakersOf.getOrDefault(p, 0.0).intValue())));
            Duration age = scrapedAt.stream().filter(s -> metrics.containsKey(s.label(podLabel)))
                    .map(s -> Duration.ofMillis(Math.max(0, Math.round((s.evaluatedAt() - s.value()) * 1000))))
                    .max(Duration::compareTo).orElse(null);
            return new PromReading(metrics, age);
        }

        private static Map<String, Double> byPod(List<PrometheusApi.Series> series, String podLabel) {
            return series.stream().filter(s -> s.label(podLabel) != null && !Double.isNaN(s.value()))
                    .collect(Collectors.toMap(s -> s.label(podLabel), PrometheusApi.Series::value, Double::sum));
        }

        private static Map<Double, Double> bucketsOf(List<PrometheusApi.Series> buckets, String podLabel, String pod,
                MetricsProfile profile) {
            return buckets.stream().filter(s -> pod.equals(s.label(podLabel)) && s.label("le") != null)
                    .collect(Collectors.toMap(
                            s -> profile.traffic().latencyUnit().toSeconds(PrometheusText.parseValue(s.label("le"))),
                            PrometheusApi.Series::value, Double::sum));
        }
    }
}
