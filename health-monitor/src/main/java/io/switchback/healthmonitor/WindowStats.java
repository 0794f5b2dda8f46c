package io.switchback.healthmonitor;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live colour over the sliding window: traffic from counter deltas, pod states from the newest snapshot.
 *
 * @param buckets          cumulative request counts by upper bound in seconds, over the window
 * @param podsScraped      pods whose metrics were read in the newest snapshot
 * @param podsBreakerOpen  of those, pods reporting an open circuit breaker
 * @param pods             the pods of the newest snapshot as the health-endpoint check judges them
 */
public record WindowStats(long requests, long errors, Map<Double, Double> buckets,
        int podsScraped, int podsBreakerOpen, PodHealth pods) {

    public WindowStats {
        buckets = Collections.unmodifiableNavigableMap(new TreeMap<>(buckets));
    }

    public WindowStats withPods(PodHealth judged) {
        return new WindowStats(requests, errors, buckets, podsScraped, podsBreakerOpen, judged);
    }
}
