package io.switchback.healthmonitor;

/**
 * Where the figures of a live release come from: the pods themselves ({@link DirectScrapeSource}) or PromQL
 * against a Prometheus server ({@link PrometheusSource}).
 */
public interface MetricSource {

    /** The source named in verdicts. */
    io.switchback.events.MetricSource kind();

    /** The release's live colour as it is now: what its ready pods answer, and what Kubernetes says of its pods. */
    ReleaseSnapshot snapshot(WatchedRelease release);
}
