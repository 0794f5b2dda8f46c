package io.switchback.healthmonitor;

import static io.switchback.healthmonitor.HistogramQuantileTest.INF;
import static io.switchback.healthmonitor.HistogramQuantileTest.buckets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.switchback.events.HealthCheck;
import io.switchback.healthmonitor.CheckResult.Outcome;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** ErrorRateCheck, LatencyCheck, CircuitBreakerCheck and HealthEndpointCheck over hand-made windows. */
class TriggerChecksTest {

    final ErrorRateCheck errorRate = new ErrorRateCheck(0.01, 2.326, 50);
    final LatencyCheck latency = new LatencyCheck(500, 50);

    @Test
    void errorRateFailsOnlyWhenItsLowerBoundIsAboveTheThresholdAndReportsThePointEstimate() {
        CheckResult failing = errorRate.evaluate(traffic(100, 5));
        assertThat(failing.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(failing.check()).isEqualTo(HealthCheck.ERROR_RATE);
        assertThat(failing.observed()).isEqualTo(0.05);
        assertThat(failing.threshold()).isEqualTo(0.01);
        assertThat(failing.unit()).isEqualTo("ratio");
        assertThat(failing.sampleCount()).isEqualTo(100);
        assertThat(failing.minimumSamples()).isEqualTo(50);
        assertThat(failing.reason()).contains("5 of 100 requests failed", "at least 0.0186");

        CheckResult unproven = errorRate.evaluate(traffic(100, 3));
        assertThat(unproven.outcome()).as("3%% point estimate, not yet evidence of more than 1%%").isEqualTo(Outcome.PASS);
        assertThat(unproven.observed()).isEqualTo(0.03);
        assertThat(unproven.reason()).isEqualTo("within the threshold");
    }

    @Test
    void errorRateNeedsTheMinimumRequests() {
        CheckResult result = errorRate.evaluate(traffic(49, 49));

        assertThat(result.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(result.observed()).isNaN();
        assertThat(result.sampleCount()).isEqualTo(49);
        assertThat(result.reason()).isEqualTo("49 requests in the window, 50 needed");
        assertThat(errorRate.evaluate(traffic(50, 49)).outcome()).isEqualTo(Outcome.FAIL);
        assertThatThrownBy(() -> new ErrorRateCheck(0.01, 2.326, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latencyFailsAboveTheThresholdInMilliseconds() {
        CheckResult slow = latency.evaluate(latency(buckets(0.1, 50, 0.5, 90, 1.0, 100, INF, 100)));
        assertThat(slow.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(slow.check()).isEqualTo(HealthCheck.P95_LATENCY);
        assertThat(slow.observed()).isCloseTo(750, within(1e-6));
        assertThat(slow.unit()).isEqualTo("ms");
        assertThat(slow.reason()).isEqualTo("p95 latency 750.0 ms, above 500.0 ms");

        CheckResult fast = latency.evaluate(latency(buckets(0.1, 96, 0.5, 100, INF, 100)));
        assertThat(fast.outcome()).isEqualTo(Outcome.PASS);
        assertThat(fast.observed()).isLessThanOrEqualTo(500);
    }

    @Test
    void latencyNeedsTheMinimumRequestsAndAHistogram() {
        CheckResult few = latency.evaluate(new WindowStats(10, 0, buckets(0.1, 10, INF, 10), 1, 0, PodHealth.NOT_JUDGED));
        assertThat(few.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(few.reason()).isEqualTo("10 requests in the window, 50 needed");

        CheckResult noHistogram = latency.evaluate(new WindowStats(100, 0, new TreeMap<>(), 1, 0, PodHealth.NOT_JUDGED));
        assertThat(noHistogram.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(noHistogram.reason()).contains("no latency histogram");

        CheckResult fewAndNoHistogram = latency.evaluate(new WindowStats(10, 0, new TreeMap<>(), 1, 0, PodHealth.NOT_JUDGED));
        assertThat(fewAndNoHistogram.reason()).isEqualTo("10 requests in the window, 50 needed");
    }

    @Test
    void aCircuitBreakerOpenOnAnyPodFails() {
        CircuitBreakerCheck breakers = new CircuitBreakerCheck();

        CheckResult open = breakers.evaluate(breakers(3, 1));
        assertThat(open.check()).isEqualTo(HealthCheck.CIRCUIT_BREAKER);
        assertThat(open.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(open.observed()).isEqualTo(1);
        assertThat(open.threshold()).isZero();
        assertThat(open.unit()).isEqualTo("count");
        assertThat(open.sampleCount()).isEqualTo(3);
        assertThat(open.reason()).isEqualTo("1 of 3 pods report an open circuit breaker");
        assertThat(breakers.evaluate(breakers(3, 0)).outcome()).isEqualTo(Outcome.PASS);

        CheckResult none = breakers.evaluate(breakers(0, 0));
        assertThat(none.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(none.minimumSamples()).isEqualTo(1);
        assertThat(none.reason()).isEqualTo("no ready pod of the live colour could be scraped");
    }

    @Test
    void anyPodDownFailsTheHealthEndpointCheckWithWhatIsDown() {
        HealthEndpointCheck health = new HealthEndpointCheck();

        CheckResult failing = health.evaluate(pods(new PodHealth(2, 3, "2 of 3 pods fail their health endpoint: a, b", "",
                false)));
        assertThat(failing.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(failing.check()).isEqualTo(HealthCheck.HEALTH_ENDPOINT);
        assertThat(failing.observed()).isEqualTo(2);
        assertThat(failing.threshold()).isZero();
        assertThat(failing.unit()).isEqualTo("count");
        assertThat(failing.sampleCount()).isEqualTo(3);
        assertThat(failing.minimumSamples()).isEqualTo(1);
        assertThat(failing.reason()).isEqualTo("2 of 3 pods fail their health endpoint: a, b");

        assertThat(health.evaluate(pods(new PodHealth(0, 3, "", "", false))).outcome()).isEqualTo(Outcome.PASS);
        CheckResult unjudged = health.evaluate(pods(new PodHealth(0, 0, "", "no pod of the live colour", false)));
        assertThat(unjudged.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(unjudged.reason()).isEqualTo("no pod of the live colour");
        CheckResult waiting = health.evaluate(pods(new PodHealth(0, 0, "", "2 of 2 pods not ready for 1 s", true)));
        assertThat(waiting.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(waiting.reason()).isEqualTo("2 of 2 pods not ready for 1 s");
    }

    static WindowStats traffic(long requests, long errors) {
        return new WindowStats(requests, errors, new TreeMap<>(), 1, 0, PodHealth.NOT_JUDGED);
    }

    static WindowStats latency(TreeMap<Double, Double> buckets) {
        return new WindowStats(buckets.lastEntry().getValue().longValue(), 0, buckets, 1, 0, PodHealth.NOT_JUDGED);
    }

    static WindowStats breakers(int scraped, int breakerOpen) {
        return new WindowStats(0, 0, new TreeMap<>(), scraped, breakerOpen, PodHealth.NOT_JUDGED);
    }

    static WindowStats pods(PodHealth pods) {
        return new WindowStats(0, 0, new TreeMap<>(), 0, 0, pods);
    }
}
