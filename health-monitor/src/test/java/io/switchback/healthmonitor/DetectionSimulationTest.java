package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.HealthCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The default rules against simulated traffic (two pods, binomial counts, seeded, the real evaluator once a
 * simulated second): the properties docs/health-monitor.md promises, in a run short enough for every build.
 * The full table is {@link DetectionTable}'s. Seconds are simulated, never measured.
 */
class DetectionSimulationTest {

    static final HealthRules DEFAULTS = HealthFixtures.rules(Duration.ofSeconds(5), EnumSet.copyOf(ReleaseEvaluator.TRIGGERS));
    static final double HEALTHY_ERRORS = 0.005;
    static final double HEALTHY_SLOW = 0.025;
    static final int RUNS = 200;

    @Test
    void aFivePercentErrorRateAtFiftyRequestsASecondIsCaughtWithinOneAndAHalfTimesTheOptimalCusum() {
        List<Integer> seconds = new ArrayList<>();
        for (int seed = 0; seed < RUNS; seed++) {
            SimulatedRelease release = new SimulatedRelease(DEFAULTS, 50, new SplittableRandom(seed));
            while (release.firstBreach(HealthCheck.ERROR_RATE).isEmpty() && release.seconds() < 120) {
                release.second(0.05, HEALTHY_SLOW);
            }
            seconds.add(release.firstBreach(HealthCheck.ERROR_RATE).orElseThrow());
            assertThat(release.firstBreach(HealthCheck.P95_LATENCY)).as("latency stays healthy").isEmpty();
        }
        double mean = seconds.stream().mapToInt(Integer::intValue).average().orElseThrow();
        OptimalCusum.Bound bound = OptimalCusum.of(HEALTHY_ERRORS, 0.05, 50, DEFAULTS.evaluationsPerFalseAlarm());

        assertThat(bound.expectedDelay()).as("the optimal CUSUM's delay, evaluations").isBetween(4.0, 5.5);
        assertThat(mean).as("mean seconds to breach, " + RUNS + " runs").isLessThanOrEqualTo(1.5 * bound.expectedDelay());
        assertThat(seconds).as("every run well inside the 60 s RTO").allSatisfy(s -> assertThat(s).isLessThan(30));
    }

    @Test
    void aFivePercentErrorRateStartingUnderWayIsCaughtSoonAfterItsOnsetWhichTheBreachNames() {
        for (int seed = 0; seed < RUNS / 4; seed++) {
            SimulatedRelease release = new SimulatedRelease(DEFAULTS, 50, new SplittableRandom(seed));
            for (int t = 0; t < 300; t++) {
                release.second(HEALTHY_ERRORS, HEALTHY_SLOW);
            }
            Verdict breach = null;
            while (breach == null && release.seconds() < 400) {
                breach = release.second(0.05, HEALTHY_SLOW).stream()
                        .filter(v -> v.kind() == Verdict.Kind.BREACHED).findFirst().orElse(null);
            }
            assertThat(breach).as("seed %d", seed).isNotNull();
            assertThat(release.seconds() - 300).as("seconds after the onset").isBetween(1, 30);
            assertThat(breach.firstBadAt()).as("the change-point estimate, close to the onset")
                    .isBetween(SimulatedRelease.T0.plusSeconds(300 - 30), breach.at());
        }
    }

    @Test
    void aQuarterOfRequestsSlowerThanTheThresholdIsCaughtWithinSeconds() {
        for (int seed = 0; seed < RUNS; seed++) {
            SimulatedRelease release = new SimulatedRelease(DEFAULTS, 50, new SplittableRandom(seed));
            while (release.firstBreach(HealthCheck.P95_LATENCY).isEmpty() && release.seconds() < 60) {
                release.second(HEALTHY_ERRORS, 0.25);
            }
            assertThat(release.firstBreach(HealthCheck.P95_LATENCY)).as("seed %d", seed).get()
                    .satisfies(s -> assertThat(s).isLessThanOrEqualTo(5));
        }
    }

    /** 20 service-hours: at one false alarm per two months per trigger, a false breach here has odds of about 1 in 36. */
    @Test
    void twentyHoursAtTheHealthyBaselinesGiveNoFalseBreach() {
        SimulatedRelease release = new SimulatedRelease(DEFAULTS, 50, new SplittableRandom(2026));
        for (int t = 0; t < 20 * 3600; t++) {
            release.second(HEALTHY_ERRORS, HEALTHY_SLOW);
        }
        assertThat(release.firstBreach(HealthCheck.ERROR_RATE)).isEmpty();
        assertThat(release.firstBreach(HealthCheck.P95_LATENCY)).isEmpty();
    }
}
