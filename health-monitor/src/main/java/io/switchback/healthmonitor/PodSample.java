package io.switchback.healthmonitor;

/**
 * One pod at one evaluation. A pod that could not be scraped has no metrics; one whose health endpoint
 * did not answer has no health: missing data, never a failure by itself.
 *
 * @param metrics null when the scrape failed
 * @param healthy null when the health endpoint did not answer; false when it answered other than 2xx
 */
public record PodSample(String pod, PodMetrics metrics, Boolean healthy) {

    public boolean scraped() {
        return metrics != null;
    }

    public boolean probed() {
        return healthy != null;
    }
}
