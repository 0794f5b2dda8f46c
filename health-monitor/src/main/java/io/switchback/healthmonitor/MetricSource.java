package io.switchback.healthmonitor;

/**
 * Where the figures of a live release come from. Direct scraping of the pods now; PromQL against a
 * Prometheus server later, behind the same interface.
 */
public interface MetricSource {

    /** The source named in verdicts. */
    io.switchback.events.MetricSource kind();

    /** The release's ready pods of its live colour, as they are now. */
    ReleaseSnapshot snapshot(WatchedRelease release);
}
