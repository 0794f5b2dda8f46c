package io.switchback.healthmonitor;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live colour at one evaluation: the traffic since the previous evaluation (counter increments, pod by pod,
 * see {@link TrafficIncrements}) and the pods' states from this evaluation's snapshot.
 *
 * @param at               when the snapshot was taken
 * @param requests         requests since each pod's previous scrape
 * @param errors           of those, 5xx responses
 * @param buckets          cumulative request counts by upper bound in seconds, over the same requests
 * @param podsScraped      pods whose metrics were read in this snapshot
 * @param podsBreakerOpen  of those, pods reporting an open circuit breaker
 * @param pods             the pods of this snapshot as the health-endpoint check judges them
 */
public record WindowStats(Instant at, long requests, long errors, Map<Double, Double> buckets,
        int podsScraped, int podsBreakerOpen, PodHealth pods) {

    public WindowStats {
        buckets = Collections.unmodifiableNavigableMap(new TreeMap<>(buckets));
    }

    public WindowStats withPods(PodHealth judged) {
        return new WindowStats(at, requests, errors, buckets, podsScraped, podsBreakerOpen, judged);
    }
}
