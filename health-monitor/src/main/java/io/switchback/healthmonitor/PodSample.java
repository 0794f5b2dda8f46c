package io.switchback.healthmonitor;

/**
 * One pod at one evaluation. A pod that could not be scraped has no metrics; one whose health endpoint
 * did not answer has no health: missing data, never a failure by itself. A health endpoint that answers 404 is
 * not there at all: a configuration error, which is missing data too, and is said.
 *
 * @param metrics          null when the scrape failed
 * @param healthy          null when the health endpoint did not answer (or answered 404); false when it answered
 *                         other than 2xx
 * @param misconfiguration what about the pod's endpoints is a configuration error, for a person; null when nothing
 */
public record PodSample(String pod, PodMetrics metrics, Boolean healthy, String misconfiguration) {

    public PodSample(String pod, PodMetrics metrics, Boolean healthy) {
        this(pod, metrics, healthy, null);
    }

    public boolean scraped() {
        return metrics != null;
    }

    public boolean probed() {
        return healthy != null;
    }
}
