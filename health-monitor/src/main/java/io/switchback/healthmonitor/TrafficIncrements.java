package io.switchback.healthmonitor;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The traffic each evaluation brings: per pod, the difference between its counters now and at its previous
 * scrape. A pod seen for the first time, or whose counters went down (a restart), counts from zero; a pod that
 * could not be scraped keeps its last counters, so its next scrape counts both intervals; a pod gone from the
 * snapshot is forgotten. The pods themselves are judged apart ({@link PodEvidence}).
 */
public final class TrafficIncrements {

    private final Map<String, PodMetrics> lastScraped = new HashMap<>();

    /** Counts the traffic since the previous scrape of each pod in {@code snapshot}. */
    public WindowStats add(ReleaseSnapshot snapshot) {
        lastScraped.keySet().retainAll(snapshot.pods().keySet());
        double requests = 0;
        double errors = 0;
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        int scraped = 0;
        int breakerOpen = 0;
        for (PodSample pod : snapshot.pods().values()) {
            if (pod.scraped()) {
                PodMetrics delta = since(lastScraped.put(pod.pod(), pod.metrics()), pod.metrics());
                requests += delta.requests();
                errors += delta.errors();
                delta.buckets().forEach((le, count) -> buckets.merge(le, count, Double::sum));
                scraped++;
                breakerOpen += pod.metrics().openBreakers() > 0 ? 1 : 0;
            }
        }
        return new WindowStats(snapshot.at(), Math.round(requests), Math.round(errors), buckets, scraped, breakerOpen,
                PodHealth.NOT_JUDGED);
    }

    private static PodMetrics since(PodMetrics previous, PodMetrics latest) {
        return previous == null || latest.resetSince(previous) ? latest : latest.minus(previous);
    }
}
