package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.HealthCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakTallyTest {

    private static final Instant SWITCHED = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant ENDS = SWITCHED.plusSeconds(100);
    private static final Duration SECOND = Duration.ofSeconds(1);

    private static final List<CheckResult> PASSING = List.of(
            CheckResult.judged(HealthCheck.ERROR_RATE, false, 0.001, 0.01, "ratio", 400, 0, ""),
            CheckResult.judged(HealthCheck.HEALTH_ENDPOINT, false, 0, 0, "pods", 2, 1, ""));
    private static final List<CheckResult> NO_TRAFFIC = List.of(
            CheckResult.inconclusive(HealthCheck.ERROR_RATE, 0.01, "ratio", 0, 0, "no requests in the last 10.0 s"),
            CheckResult.judged(HealthCheck.HEALTH_ENDPOINT, false, 0, 0, "pods", 2, 1, ""));

    @Test
    void aSoakJudgedHealthyThroughoutPassesOnceItsWindowEndedAndOnlyOnce() {
        SoakTally tally = new SoakTally(0.8, SECOND);
        evaluate(tally, 0, 99, PASSING);

        assertThat(tally.due(SWITCHED, ENDS, SWITCHED.plusSeconds(99))).as("not before the window's end").isEmpty();
        evaluate(tally, 100, 100, PASSING);
        SoakTally.SoakVerdict passed = tally.due(SWITCHED, ENDS, ENDS).orElseThrow();
        assertThat(passed.passed()).isTrue();
        assertThat(passed.healthy()).isEqualTo(Duration.ofSeconds(100));
        assertThat(passed.required()).isEqualTo(Duration.ofSeconds(80));
        assertThat(passed.unjudged()).isZero();

        tally.reported(passed);
        evaluate(tally, 101, 101, PASSING);
        assertThat(tally.due(SWITCHED, ENDS, ENDS.plusSeconds(1))).isEmpty();
    }

    @Test
    void aSoakMostlyWithoutDataIsHeldOnceThenPassesWhenItHasBeenJudgedLongEnough() {
        SoakTally tally = new SoakTally(0.8, SECOND);
        evaluate(tally, 0, 50, PASSING);
        evaluate(tally, 51, 100, NO_TRAFFIC);

        SoakTally.SoakVerdict held = tally.due(SWITCHED, ENDS, ENDS).orElseThrow();
        assertThat(held.passed()).isFalse();
        assertThat(held.healthy()).isEqualTo(Duration.ofSeconds(50));
        assertThat(held.unjudged()).isEqualTo(Duration.ofSeconds(50));
        assertThat(held.reason()).isEqualTo("error-rate inconclusive: no requests in the last 10.0 s");
        tally.reported(held);

        evaluate(tally, 101, 129, PASSING);
        assertThat(tally.due(SWITCHED, ENDS, ENDS.plusSeconds(29))).as("held is said once, and 79 s is short of 80")
                .isEmpty();
        evaluate(tally, 130, 130, PASSING);
        assertThat(tally.due(SWITCHED, ENDS, ENDS.plusSeconds(30))).hasValueSatisfying(v -> {
            assertThat(v.passed()).isTrue();
            assertThat(v.healthy()).isEqualTo(Duration.ofSeconds(80));
        });
    }

    @Test
    void enoughHealthyTimeDoesNotPassWhileTheLatestEvaluationDoesNot() {
        SoakTally tally = new SoakTally(0.8, SECOND);
        evaluate(tally, 0, 95, PASSING);
        evaluate(tally, 96, 100, NO_TRAFFIC);

        assertThat(tally.due(SWITCHED, ENDS, ENDS)).hasValueSatisfying(v -> assertThat(v.passed()).isFalse());
    }

    @Test
    void aGapInTheWatchCountsForNothingAndAReleaseWithoutAWindowIsNeverJudged() {
        SoakTally tally = new SoakTally(0.8, SECOND);
        evaluate(tally, 0, 10, PASSING);
        evaluate(tally, 100, 100, PASSING);

        SoakTally.SoakVerdict verdict = tally.due(SWITCHED, ENDS, ENDS).orElseThrow();
        assertThat(verdict.healthy()).as("10 s, and 2 s for the evaluation after the gap").isEqualTo(Duration.ofSeconds(12));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reason()).contains("12 s of the 80 s needed");
        assertThat(tally.due(SWITCHED, null, ENDS)).isEmpty();
        assertThat(tally.due(null, ENDS, ENDS)).isEmpty();
    }

    @Test
    void noEnabledCheckNeverPasses() {
        SoakTally tally = new SoakTally(0.8, SECOND);
        evaluate(tally, 0, 100, List.of());

        assertThat(tally.due(SWITCHED, ENDS, ENDS)).hasValueSatisfying(v -> {
            assertThat(v.passed()).isFalse();
            assertThat(v.reason()).isEqualTo("no check is enabled");
        });
    }

    private static void evaluate(SoakTally tally, int fromSecond, int toSecond, List<CheckResult> results) {
        for (int s = fromSecond; s <= toSecond; s++) {
            tally.observe(SWITCHED.plusSeconds(s), results);
        }
    }
}
