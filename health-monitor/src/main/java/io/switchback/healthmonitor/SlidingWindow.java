package io.switchback.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The snapshots of one release inside the window. Traffic over the window is the difference between the
 * newest snapshot and the oldest one that still lies inside it, pod by pod: a pod that appeared, or whose
 * counters went down (a restart), counts from zero; a pod gone from the newest snapshot drops out. The pods
 * themselves are judged apart ({@link PodEvidence}).
 */
public final class SlidingWindow {

    private final Duration length;
    private final Deque<ReleaseSnapshot> snapshots = new ArrayDeque<>();

    public SlidingWindow(Duration length) {
        this.length = length;
    }

    public Duration length() {
        return length;
    }

    /** Adds the newest snapshot, forgets those that fell out of the window, and sums up the window. */
    public WindowStats add(ReleaseSnapshot newest) {
        snapshots.addLast(newest);
        Instant start = newest.at().minus(length);
        while (snapshots.peekFirst().at().isBefore(start)) {
            snapshots.removeFirst();
        }
        return stats(newest);
    }

    private WindowStats stats(ReleaseSnapshot newest) {
        double requests = 0;
        double errors = 0;
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        int scraped = 0;
        int breakerOpen = 0;
        for (PodSample pod : newest.pods().values()) {
            if (pod.scraped()) {
                PodMetrics delta = delta(pod.pod(), pod.metrics());
                requests += delta.requests();
                errors += delta.errors();
                delta.buckets().forEach((le, count) -> buckets.merge(le, count, Double::sum));
                scraped++;
                breakerOpen += pod.metrics().openBreakers() > 0 ? 1 : 0;
            }
        }
        return new WindowStats(Math.round(requests), Math.round(errors), buckets, scraped, breakerOpen,
                PodHealth.NOT_JUDGED);
    }

    private PodMetrics delta(String pod, PodMetrics latest) {
        Optional<PodMetrics> base = oldestMetricsOf(pod);
        if (base.isEmpty() || latest.resetSince(base.get())) {
            return latest;
        }
        return latest.minus(base.get());
    }

    private Optional<PodMetrics> oldestMetricsOf(String pod) {
        Iterator<ReleaseSnapshot> oldestFirst = snapshots.iterator();
        for (int i = 0; i < snapshots.size() - 1; i++) {
            Optional<PodMetrics> metrics = oldestFirst.next().metricsOf(pod);
            if (metrics.isPresent()) {
                return metrics;
            }
        }
        return Optional.empty();
    }
}
