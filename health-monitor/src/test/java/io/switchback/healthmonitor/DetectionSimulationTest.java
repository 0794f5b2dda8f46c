package io.switchback.healthmonitor;

import static io.switchback.healthmonitor.SlidingWindowTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.HealthCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The default rules against simulated traffic (50 requests/s over two pods, binomial errors, seeded):
 * what the defaults promise in docs/health-monitor.md. Fast: a 5% error rate is detected within a few
 * seconds. Trustworthy: a 0.5% baseline rarely breaches over five minutes (at most 1% of runs at the
 * default z; docs/health-monitor.md gives the figures and the trade-off of a stricter z).
 */
class DetectionSimulationTest {

    static final int RUNS = 400;
    static final HealthRules DEFAULTS = new HealthRules(Duration.ofSeconds(10), 0.01, 2.326, Duration.ofMillis(500), 50, 2,
            Duration.ofSeconds(5), EnumSet.allOf(HealthCheck.class));

    @Test
    void aFivePercentErrorRateOnANewReleaseIsDetectedWithinAFewSeconds() {
        List<Integer> seconds = new ArrayList<>();
        for (int seed = 0; seed < RUNS; seed++) {
            seconds.add(firstBreach(new SplittableRandom(seed), 0.05, 0.05, 0, 60).orElseThrow());
        }
        seconds.sort(null);
        System.out.printf("5%% errors on a new release, %d runs: breach after p50 %d s, p95 %d s, max %d s%n", RUNS,
                seconds.get(RUNS / 2), seconds.get(RUNS * 95 / 100), seconds.get(RUNS - 1));

        assertThat(seconds.get(RUNS / 2)).as("median seconds to breach").isLessThanOrEqualTo(5);
        assertThat(seconds.get(RUNS * 95 / 100)).as("p95 seconds to breach").isLessThanOrEqualTo(8);
        assertThat(seconds.get(RUNS - 1)).as("slowest").isLessThanOrEqualTo(15);
    }

    @Test
    void aFivePercentErrorRateStartingUnderWayIsDetectedWithinTheWindow() {
        List<Integer> seconds = new ArrayList<>();
        for (int seed = 0; seed < RUNS / 4; seed++) {
            seconds.add(firstBreach(new SplittableRandom(seed), 0.005, 0.05, 60, 120).orElseThrow());
        }
        seconds.sort(null);
        System.out.printf("5%% errors from 60 s into a 0.5%% baseline, %d runs: breach after p50 %d s, max %d s%n",
                seconds.size(), seconds.get(seconds.size() / 2), seconds.get(seconds.size() - 1));
        assertThat(seconds).as("seconds after onset").allSatisfy(s -> assertThat(s).isBetween(1, 15));
    }

    @Test
    void aHalfPercentBaselineAlmostNeverBreachesInFiveMinutes() {
        int falseBreaches = 0;
        for (int seed = 0; seed < RUNS; seed++) {
            falseBreaches += firstBreach(new SplittableRandom(seed), 0.005, 0.005, 0, 300).isPresent() ? 1 : 0;
        }
        System.out.printf("0.5%% baseline, %d runs of 5 minutes: %d with a false breach%n", RUNS, falseBreaches);
        assertThat(falseBreaches).as("five-minute runs with a false breach, of " + RUNS).isLessThanOrEqualTo(RUNS / 100);
    }

    @Test
    void aStricterConfidenceTradesALittleSpeedForFewerFalseBreaches() {
        HealthRules strict = new HealthRules(DEFAULTS.window(), DEFAULTS.errorRateThreshold(), 3.09, DEFAULTS.p95Threshold(),
                DEFAULTS.minimumRequests(), DEFAULTS.consecutiveFailures(), DEFAULTS.unreadyGrace(), DEFAULTS.enabled());
        List<Integer> seconds = new ArrayList<>();
        int falseBreaches = 0;
        for (int seed = 0; seed < RUNS; seed++) {
            seconds.add(firstBreach(strict, new SplittableRandom(seed), 0.05, 0.05, 0, 60).orElseThrow());
            falseBreaches += firstBreach(strict, new SplittableRandom(seed), 0.005, 0.005, 0, 300).isPresent() ? 1 : 0;
        }
        seconds.sort(null);
        System.out.printf("z=3.09: 5%% errors on a new release: breach after p50 %d s, p95 %d s, max %d s;"
                + " 0.5%% baseline: %d of %d five-minute runs with a false breach%n", seconds.get(RUNS / 2),
                seconds.get(RUNS * 95 / 100), seconds.get(RUNS - 1), falseBreaches, RUNS);
        assertThat(seconds.get(RUNS * 95 / 100)).isLessThanOrEqualTo(10);
        assertThat(falseBreaches).isLessThanOrEqualTo(RUNS / 200);
    }

    @Test
    void aOnePointFivePercentPointEstimateOverFewRequestsIsNoBreach() {
        // 1 of 50 is 2%, above the threshold as a point estimate, but no evidence
        ReleaseEvaluator evaluator = new ReleaseEvaluator(DEFAULTS);
        for (int second = 1; second <= 3; second++) {
            List<Verdict> verdicts = evaluator.evaluate(ReleaseSnapshot.of(T0.plusSeconds(second),
                    List.of(pod("a", 50L * second, second))));
            assertThat(verdicts).noneMatch(v -> v.kind() == Verdict.Kind.BREACHED);
        }
    }

    /** Seconds after onset until the first breach, evaluating once a second. */
    static OptionalInt firstBreach(RandomGenerator random, double errorsBefore, double errorsAfter, int onset, int seconds) {
        return firstBreach(DEFAULTS, random, errorsBefore, errorsAfter, onset, seconds);
    }

    static OptionalInt firstBreach(HealthRules rules, RandomGenerator random, double errorsBefore, double errorsAfter, int onset,
            int seconds) {
        ReleaseEvaluator evaluator = new ReleaseEvaluator(rules);
        long[] requests = new long[2];
        long[] errors = new long[2];
        for (int t = 1; t <= seconds; t++) {
            double ratio = t > onset ? errorsAfter : errorsBefore;
            List<PodSample> pods = new ArrayList<>();
            for (int pod = 0; pod < 2; pod++) {
                for (int r = 0; r < 25; r++) {
                    requests[pod]++;
                    errors[pod] += random.nextDouble() < ratio ? 1 : 0;
                }
                pods.add(pod("pod-" + pod, requests[pod], errors[pod]));
            }
            for (Verdict verdict : evaluator.evaluate(ReleaseSnapshot.of(T0.plusSeconds(t), pods))) {
                evaluator.reported(verdict);
                if (verdict.kind() == Verdict.Kind.BREACHED) {
                    assertThat(verdict.result().check()).isEqualTo(HealthCheck.ERROR_RATE);
                    return OptionalInt.of(t - onset);
                }
            }
        }
        return OptionalInt.empty();
    }

    static PodSample pod(String name, long requests, long errors) {
        // every request answered within 50 ms: latency stays healthy
        return new PodSample(name, new PodMetrics(requests, errors,
                Map.of(0.05, (double) requests, Double.POSITIVE_INFINITY, (double) requests), 0), true);
    }
}
