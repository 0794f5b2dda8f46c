package io.switchback.healthmonitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a release straight from its pods: takes the live colour's pods and Deployment from the informers of
 * {@link ColourObjects} and, in parallel, scrapes each ready pod's Prometheus endpoint (read with the
 * service's {@link MetricsProfile}) and asks its health endpoint. No scrape-interval lag, which is what makes
 * detection fast. A pod that does not answer in time is missing data, not a failure; what Kubernetes says of the
 * pods goes into the snapshot as evidence.
 */
public class DirectScrapeSource implements MetricSource {

    private final ColourObjects cluster;
    private final Clock clock;
    private final HealthProperties health;
    private final PodEndpoints endpoints;
    private final Misconfigurations misconfigurations;
    private final Duration overallTimeout;

    public DirectScrapeSource(ColourObjects cluster, Clock clock, HealthProperties health,
            Misconfigurations misconfigurations) {
        this.cluster = cluster;
        this.clock = clock;
        this.health = health;
        this.misconfigurations = misconfigurations;
        this.endpoints = new PodEndpoints(health.scrape().connectTimeout(), health.scrape().readTimeout(),
                health.scrape().parallelism());
        this.overallTimeout = health.scrape().connectTimeout().plus(health.scrape().readTimeout()).plusMillis(200);
    }

    @Override
    public io.switchback.events.MetricSource kind() {
        return io.switchback.events.MetricSource.DIRECT_SCRAPE;
    }

    @Override
    public ReleaseSnapshot snapshot(WatchedRelease release) {
        Instant at = clock.instant();
        MetricsProfile profile = health.profileFor(release.service());
        LiveColour colour = LiveColour.read(cluster, release, profile);
        List<CompletableFuture<PodEndpoints.Read>> reads = colour.targets().stream()
                .map(target -> endpoints.scrape(target, profile)).toList();
        Bounded.await(reads, overallTimeout, release.service());
        List<PodEndpoints.Read> answered = Bounded.done(reads);
        misconfigurations.observe(release.service(), Bounded.misconfigured(answered));
        return colour.snapshot(at, answered.stream().map(PodEndpoints.Read::sample).toList());
    }
}
