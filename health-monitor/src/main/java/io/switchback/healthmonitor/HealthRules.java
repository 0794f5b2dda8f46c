package io.switchback.healthmonitor;

import io.switchback.events.HealthCheck;
import java.time.Duration;
import java.util.Set;

/**
 * The rollback triggers as they apply to one service: the environment's settings with the service's
 * overrides applied (see {@link HealthProperties#rulesFor(String)}).
 *
 * @param evaluationInterval  how often the release is evaluated: the unit of the false-alarm budget
 * @param window              a sequential check that saw no request for this long is inconclusive; also the span a
 *                            verdict of the other checks reports
 * @param errorRateThreshold  the highest acceptable share of 5xx responses, 0..1
 * @param errorRateBaseline   the healthy share of 5xx responses, below the threshold
 * @param p95Threshold        the highest acceptable p95 latency
 * @param slowShareBaseline   the healthy share of requests slower than {@code p95Threshold}, below 5%
 * @param falseAlarmsPerMonth the false rollbacks allowed per month at the baselines, error rate and latency together
 * @param consecutiveFailures failing evaluations in a row before a circuit-breaker or health-endpoint breach, and
 *                            evaluations without data in a row before any inconclusive verdict
 * @param unreadyGrace        how long a pod may be not ready (or the colour short of pods) before it counts as down
 * @param enabled             the checks that run
 */
public record HealthRules(Duration evaluationInterval, Duration window, double errorRateThreshold,
        double errorRateBaseline, Duration p95Threshold, double slowShareBaseline, double falseAlarmsPerMonth,
        int consecutiveFailures, Duration unreadyGrace, Set<HealthCheck> enabled) {

    /** The budget is split evenly between the two sequential triggers, whether or not both run. */
    static final int SEQUENTIAL_TRIGGERS = 2;

    public HealthRules {
        enabled = Set.copyOf(enabled);
    }

    /** The expected evaluations between two false alarms of one sequential trigger at its baseline. */
    public double evaluationsPerFalseAlarm() {
        return ShareTestDesign.evaluationsPerFalseAlarm(falseAlarmsPerMonth / SEQUENTIAL_TRIGGERS, evaluationInterval);
    }

    public HealthRules withEnabled(Set<HealthCheck> checks) {
        return new HealthRules(evaluationInterval, window, errorRateThreshold, errorRateBaseline, p95Threshold,
                slowShareBaseline, falseAlarmsPerMonth, consecutiveFailures, unreadyGrace, checks);
    }
}
