package io.switchback.healthmonitor;

import io.fabric8.kubernetes.api.model.Pod;
import io.switchback.cluster.BlueGreen;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a release straight from its pods: takes the live colour's pods and Deployment from the informers of
 * {@link ColourObjects} and, in parallel, scrapes each ready pod's Prometheus endpoint and asks its
 * health endpoint. No scrape-interval lag, which is what makes detection fast. A pod that does not answer in
 * time is missing data, not a failure; what Kubernetes says of the pods goes into the snapshot as evidence.
 */
@Component
public class DirectScrapeSource implements MetricSource {

    private static final Logger LOG = LoggerFactory.getLogger(DirectScrapeSource.class);
    private static final String ACCEPT_TEXT_FORMAT = "text/plain;version=0.0.4;q=1.0,*/*;q=0.1";

    private final ColourObjects colours;
    private final Clock clock;
    private final HttpClient http;
    private final Duration readTimeout;
    private final Duration overallTimeout;

    public DirectScrapeSource(ColourObjects colours, Clock clock, HealthProperties health) {
        this.colours = colours;
        this.clock = clock;
        this.readTimeout = health.scrape().readTimeout();
        this.overallTimeout = health.scrape().connectTimeout().plus(readTimeout).plusMillis(200);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(health.scrape().connectTimeout()).build();
    }

    @Override
    public io.switchback.events.MetricSource kind() {
        return io.switchback.events.MetricSource.DIRECT_SCRAPE;
    }

    @Override
    public ReleaseSnapshot snapshot(WatchedRelease release) {
        Instant at = clock.instant();
        List<Pod> pods = colours.pods(release.service(), release.color()).stream()
                .filter(pod -> !PodState.terminating(pod)).toList();
        List<CompletableFuture<PodSample>> samples = pods.stream().map(ScrapeTarget::of).flatMap(Optional::stream)
                .map(this::sample).toList();
        Integer desired = colours.deployment(release.service(), release.color()).map(BlueGreen::replicasOf).orElse(null);
        try {
            CompletableFuture.allOf(samples.toArray(CompletableFuture[]::new))
                    .get(overallTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("scrapes of {} did not all finish: {}", release.service(), e.toString());
        }
        return ReleaseSnapshot.of(at, samples.stream().filter(CompletableFuture::isDone)
                .map(CompletableFuture::join).toList(), pods.stream().map(PodState::of).toList(),
                desired);
    }

    private CompletableFuture<PodSample> sample(ScrapeTarget target) {
        CompletableFuture<PodMetrics> metrics = get(target.metrics())
                .thenApply(r -> r.statusCode() / 100 == 2 ? PodMetrics.from(PrometheusText.parse(r.body())) : null)
                .exceptionally(failure -> unanswered(target, "metrics", failure));
        CompletableFuture<Boolean> healthy = get(target.health())
                .thenApply(r -> r.statusCode() / 100 == 2)
                .exceptionally(failure -> unanswered(target, "health", failure));
        return metrics.thenCombine(healthy, (m, h) -> new PodSample(target.pod(), m, h));
    }

    private CompletableFuture<HttpResponse<String>> get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(readTimeout)
                .header("Accept", ACCEPT_TEXT_FORMAT).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Missing data: logged for whoever debugs a pod, never an error of the evaluation. */
    private static <T> T unanswered(ScrapeTarget target, String what, Throwable failure) {
        LOG.debug("pod {}: no {} ({})", target.pod(), what, failure.toString());
        return null;
    }
}
