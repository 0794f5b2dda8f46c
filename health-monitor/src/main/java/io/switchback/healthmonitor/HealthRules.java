package io.switchback.healthmonitor;

import io.switchback.events.HealthCheck;
import java.time.Duration;
import java.util.Set;

/**
 * The rollback triggers as they apply to one service: the environment's settings with the service's
 * overrides applied (see {@link HealthProperties#rulesFor(String)}).
 *
 * @param errorRateThreshold   the highest acceptable share of 5xx responses, 0..1
 * @param confidenceZ          the one-sided z of the Wilson bound that must exceed the threshold
 * @param p95Threshold         the highest acceptable p95 latency
 * @param minimumRequests      requests in the window before error rate or latency can be judged
 * @param consecutiveFailures  failing evaluations in a row before a breach
 * @param unreadyGrace         how long a pod may be not ready (or the colour short of pods) before it counts as down
 * @param enabled              the checks that run
 */
public record HealthRules(Duration window, double errorRateThreshold, double confidenceZ, Duration p95Threshold,
        long minimumRequests, int consecutiveFailures, Duration unreadyGrace, Set<HealthCheck> enabled) {

    public HealthRules {
        enabled = Set.copyOf(enabled);
    }
}
