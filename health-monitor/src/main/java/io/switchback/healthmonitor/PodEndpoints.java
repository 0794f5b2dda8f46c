package io.switchback.healthmonitor;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a pod's endpoints, with short timeouts: its Prometheus endpoint (read with the service's profile) and its
 * health endpoint. Silence is missing data; a 404 is a configuration error ({@link Misconfiguration}), said in the
 * sample and never taken for an unhealthy pod.
 */
final class PodEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(PodEndpoints.class);
    private static final String ACCEPT_TEXT_FORMAT = "text/plain;version=0.0.4;q=1.0,*/*;q=0.1";
    private static final int NOT_FOUND = 404;

    /** One pod's sample and the configuration errors behind it. */
    record Read(PodSample sample, Set<Misconfiguration> misconfigured) {
    }

    private final HttpRequests http;
    private final Duration readTimeout;

    /** @param parallelism releases read at once: each asks two endpoints of each of its pods */
    PodEndpoints(Duration connectTimeout, Duration readTimeout, int parallelism) {
        this.readTimeout = readTimeout;
        this.http = new HttpRequests(connectTimeout, parallelism * 4);
    }

    /** The pod's metrics and health. */
    CompletableFuture<Read> scrape(ScrapeTarget target, MetricsProfile profile) {
        CompletableFuture<HttpResponse<String>> metrics = get(target.metrics(), target, "metrics");
        return metrics.thenCombine(get(target.health(), target, "health"), (m, h) -> read(target, profile, m, h));
    }

    /** The pod's health only: its metrics come from elsewhere. */
    CompletableFuture<Read> probe(ScrapeTarget target) {
        return get(target.health(), target, "health").thenApply(h -> read(target, null, null, h));
    }

    private static Read read(ScrapeTarget target, MetricsProfile profile, HttpResponse<String> metrics,
            HttpResponse<String> health) {
        Set<Misconfiguration> misconfigured = EnumSet.noneOf(Misconfiguration.class);
        List<String> said = new ArrayList<>();
        PodMetrics read = null;
        if (metrics != null && metrics.statusCode() / 100 == 2) {
            read = profile.read(PrometheusText.parse(metrics.body()));
        } else if (metrics != null && metrics.statusCode() == NOT_FOUND) {
            misconfigured.add(Misconfiguration.METRICS_PATH_NOT_FOUND);
            said.add(Misconfiguration.METRICS_PATH_NOT_FOUND.describe(target.metrics().getPath()));
        }
        Boolean healthy = null;
        if (health != null && health.statusCode() == NOT_FOUND) {
            misconfigured.add(Misconfiguration.HEALTH_PATH_NOT_FOUND);
            said.add(Misconfiguration.HEALTH_PATH_NOT_FOUND.describe(target.health().getPath()));
        } else if (health != null) {
            healthy = health.statusCode() / 100 == 2;
        }
        return new Read(new PodSample(target.pod(), read, healthy, said.isEmpty() ? null : String.join("; ", said)),
                misconfigured);
    }

    /** The answer, or null when there was none in time: missing data, never an error of the evaluation. */
    private CompletableFuture<HttpResponse<String>> get(URI uri, ScrapeTarget target, String what) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(readTimeout)
                .header("Accept", ACCEPT_TEXT_FORMAT).GET().build();
        return http.send(request).exceptionally(failure -> {
            LOG.debug("pod {}: no {} ({})", target.pod(), what, failure.toString());
            return null;
        });
    }
}
