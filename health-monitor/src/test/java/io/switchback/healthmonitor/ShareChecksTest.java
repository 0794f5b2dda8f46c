package io.switchback.healthmonitor;

import static io.switchback.healthmonitor.HistogramQuantileTest.INF;
import static io.switchback.healthmonitor.HistogramQuantileTest.buckets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchback.events.HealthCheck;
import io.switchback.healthmonitor.CheckResult.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** ErrorRateCheck and LatencyCheck: what they count, when they cannot judge, and what a verdict says. */
class ShareChecksTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:15:00Z");
    static final double TWO_MONTHS = 60 * 86_400;
    static final Duration SECOND = Duration.ofSeconds(1);
    static final Duration QUIET = Duration.ofSeconds(10);

    final ErrorRateCheck errorRate = new ErrorRateCheck(0.005, 0.01, TWO_MONTHS, SECOND, QUIET);
    final LatencyCheck latency = new LatencyCheck(Duration.ofMillis(500), 0.025, TWO_MONTHS, SECOND, QUIET);

    @Test
    void anErrorRateBreachReportsTheShareOverItsEvidenceAndTheStatistic() {
        CheckResult healthy = errorRate.evaluate(traffic(1, 100, 0));
        assertThat(healthy.outcome()).isEqualTo(Outcome.PASS);
        assertThat(healthy.reason()).isEqualTo("within the threshold");

        CheckResult failing = errorRate.evaluate(traffic(2, 100, 10));

        assertThat(failing.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(failing.check()).isEqualTo(HealthCheck.ERROR_RATE);
        assertThat(failing.observed()).isEqualTo(0.1);
        assertThat(failing.threshold()).isEqualTo(0.01);
        assertThat(failing.unit()).isEqualTo("ratio");
        assertThat(failing.sampleCount()).isEqualTo(100);
        assertThat(failing.minimumSamples()).isEqualTo(4);
        assertThat(failing.evidence()).isEqualTo(new CheckResult.Evidence(T0.plusSeconds(2), SECOND));
        assertThat(failing.reason()).startsWith("10 of 100 requests failed (10.00%, threshold 1.00%) in 1.00 s; the"
                + " Shiryaev-Roberts statistic for 12.56% against the 0.50% baseline is ")
                .endsWith(", above its threshold 5.18e+06 (one false alarm in 2.00 months at the baseline)");
    }

    @Test
    void aFewFailedRequestsAreNoBreachYetAndAnIdleOrUnscrapedReleaseIsInconclusive() {
        assertThat(errorRate.evaluate(traffic(1, 50, 1)).outcome()).as("1 of 50 is 2%, but no evidence yet")
                .isEqualTo(Outcome.PASS);

        CheckResult unscraped = errorRate.evaluate(new WindowStats(T0.plusSeconds(2), 0, 0, new TreeMap<>(), 0, 0,
                PodHealth.NOT_JUDGED));
        assertThat(unscraped.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(unscraped.observed()).isNaN();
        assertThat(unscraped.reason()).isEqualTo("no ready pod of the live colour could be scraped");
        assertThat(unscraped.minimumSamples()).isEqualTo(4);

        CheckResult quiet = errorRate.evaluate(traffic(10, 0, 0));
        assertThat(quiet.outcome()).as("quiet for 9 s").isEqualTo(Outcome.PASS);
        assertThat(quiet.observed()).as("the last evaluation with requests stands").isEqualTo(0.02);
        CheckResult idle = errorRate.evaluate(traffic(11, 0, 0));
        assertThat(idle.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(idle.reason()).isEqualTo("no requests in the last 10.0 s");
        assertThat(new ErrorRateCheck(0.005, 0.01, TWO_MONTHS, SECOND, QUIET).evaluate(traffic(1, 0, 0)).reason())
                .as("a release that never served").isEqualTo("no requests in the last 10.0 s");
    }

    @Test
    void slowRequestsAreTheRequestsAboveTheBucketAtTheThreshold() {
        CheckResult slow = latency.evaluate(latency(1, buckets(0.1, 50, 0.5, 70, 1.0, 100, INF, 100)));

        assertThat(slow.outcome()).as("30% slower than 500 ms").isEqualTo(Outcome.FAIL);
        assertThat(slow.check()).isEqualTo(HealthCheck.P95_LATENCY);
        assertThat(slow.observed()).as("p95 in ms, as histogram_quantile has it").isCloseTo(916.67, within(0.01));
        assertThat(slow.threshold()).isEqualTo(500);
        assertThat(slow.unit()).isEqualTo("ms");
        assertThat(slow.sampleCount()).isEqualTo(100);
        assertThat(slow.reason()).startsWith("30 of 100 requests slower than 500 ms (30.00%, threshold 5.00%; p95 917 ms)");

        LatencyCheck fresh = new LatencyCheck(Duration.ofMillis(500), 0.025, TWO_MONTHS, SECOND, QUIET);
        assertThat(fresh.evaluate(latency(1, buckets(0.1, 96, 0.5, 100, INF, 100))).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aThresholdBetweenBoundsIsInterpolatedSoThatTheTestAgreesWithHistogramQuantile() {
        LatencyCheck between = new LatencyCheck(Duration.ofMillis(450), 0.025, TWO_MONTHS, SECOND, QUIET);
        Tally counted = between.count(latency(1, buckets(0.4, 90, 0.6, 100, INF, 100))).tally();
        assertThat(counted.failures()).as("a quarter of the way from 0.4 s to 0.6 s: 90 + 2.5 at or below").isEqualTo(7.5);

        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            double below04 = random.nextInt(80, 100);
            double below06 = below04 + random.nextInt(0, (int) (100 - below04) + 1);
            TreeMap<Double, Double> b = buckets(0.4, below04, 0.6, below06, INF, 100);
            boolean p95Above = HistogramQuantile.of(0.95, b) > 0.45;
            assertThat(between.count(latency(1, b)).tally().share() > 0.05).as(b.toString()).isEqualTo(p95Above);
        }
    }

    @Test
    void latencyCannotBeJudgedWithoutAHistogramOrAboveItsHighestBound() {
        CheckResult noHistogram = latency.evaluate(new WindowStats(T0, 100, 0, new TreeMap<>(), 1, 0,
                PodHealth.NOT_JUDGED));
        assertThat(noHistogram.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(noHistogram.reason()).isEqualTo("no latency histogram (http_server_requests_seconds_bucket) in the scrapes");

        LatencyCheck tooHigh = new LatencyCheck(Duration.ofSeconds(2), 0.025, TWO_MONTHS, SECOND, QUIET);
        CheckResult above = tooHigh.evaluate(latency(1, buckets(0.1, 50, 1.0, 100, INF, 100)));
        assertThat(above.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(above.reason()).isEqualTo("the latency threshold 2000 ms is above the highest finite bucket bound"
                + " (1.0 s): slower requests cannot be counted");

        assertThat(latency.evaluate(latency(2, buckets(INF, 100))).reason()).isEqualTo("the latency threshold 500 ms is"
                + " above the highest finite bucket bound (there is none): slower requests cannot be counted");

        CheckResult idleWithoutHistogram = latency.evaluate(new WindowStats(T0, 0, 0, new TreeMap<>(), 1, 0,
                PodHealth.NOT_JUDGED));
        assertThat(idleWithoutHistogram.reason()).isEqualTo("no requests in the last 10.0 s");
    }

    static WindowStats traffic(int second, long requests, long errors) {
        return new WindowStats(T0.plusSeconds(second), requests, errors, new TreeMap<>(), 1, 0, PodHealth.NOT_JUDGED);
    }

    static WindowStats latency(int second, TreeMap<Double, Double> buckets) {
        return new WindowStats(T0.plusSeconds(second), buckets.lastEntry().getValue().longValue(), 0, buckets, 1, 0,
                PodHealth.NOT_JUDGED);
    }
}
