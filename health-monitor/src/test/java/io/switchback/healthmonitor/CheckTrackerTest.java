package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchback.events.HealthCheck;
import io.switchback.healthmonitor.CheckResult.Outcome;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckTrackerTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:15:00Z");
    final CheckTracker tracker = new CheckTracker(3);
    int second;

    @Test
    void breachesOnceAfterTheConsecutiveFailuresWithTheFirstBadTime() {
        assertThat(next(Outcome.FAIL)).isEmpty();
        assertThat(next(Outcome.FAIL)).isEmpty();
        Verdict breach = report(next(Outcome.FAIL).orElseThrow());

        assertThat(breach.kind()).isEqualTo(Verdict.Kind.BREACHED);
        assertThat(breach.consecutiveFailures()).isEqualTo(3);
        assertThat(breach.firstBadAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(breach.at()).isEqualTo(T0.plusSeconds(3));
        assertThat(breach.result().outcome()).isEqualTo(Outcome.FAIL);
        assertThat(next(Outcome.FAIL)).as("never every second").isEmpty();
        assertThat(next(Outcome.INCONCLUSIVE)).as("no news while data is missing").isEmpty();
        assertThat(next(Outcome.FAIL)).isEmpty();
    }

    @Test
    void aPassOrMissingDataBreaksTheStreak() {
        next(Outcome.FAIL);
        next(Outcome.FAIL);
        next(Outcome.PASS);
        next(Outcome.FAIL);
        next(Outcome.FAIL);
        next(Outcome.INCONCLUSIVE);
        next(Outcome.FAIL);
        next(Outcome.FAIL);
        Verdict breach = next(Outcome.FAIL).orElseThrow();

        assertThat(breach.firstBadAt()).isEqualTo(T0.plusSeconds(7));
    }

    @Test
    void recoversOnceWhenABreachedCheckPassesAgain() {
        breach();

        Verdict recovered = report(next(Outcome.PASS).orElseThrow());

        assertThat(recovered.kind()).isEqualTo(Verdict.Kind.RECOVERED);
        assertThat(recovered.firstBadAt()).isNull();
        assertThat(next(Outcome.PASS)).isEmpty();
        assertThat(next(Outcome.FAIL)).as("a new streak starts from one").isEmpty();
    }

    @Test
    void reportsInconclusiveOnceAfterAsManyEvaluationsWithoutData() {
        assertThat(next(Outcome.INCONCLUSIVE)).isEmpty();
        assertThat(next(Outcome.INCONCLUSIVE)).isEmpty();
        Verdict inconclusive = report(next(Outcome.INCONCLUSIVE).orElseThrow());

        assertThat(inconclusive.kind()).isEqualTo(Verdict.Kind.INCONCLUSIVE);
        assertThat(inconclusive.at()).isEqualTo(T0.plusSeconds(3));
        assertThat(next(Outcome.INCONCLUSIVE)).as("once").isEmpty();
        next(Outcome.PASS);
        inconclusiveFor(2);
        assertThat(next(Outcome.INCONCLUSIVE)).as("entered again").isPresent();
    }

    @Test
    void aNewReleasesFirstSparseEvaluationsAreNotNews() {
        inconclusiveFor(2);
        next(Outcome.PASS);
        inconclusiveFor(2);
        next(Outcome.FAIL);

        assertThat(next(Outcome.INCONCLUSIVE)).isEmpty();
    }

    @Test
    void aFailureEndsTheInconclusiveStateToo() {
        inconclusiveFor(2);
        report(next(Outcome.INCONCLUSIVE).orElseThrow());
        next(Outcome.FAIL);
        inconclusiveFor(2);

        assertThat(next(Outcome.INCONCLUSIVE)).isPresent();
    }

    @Test
    void aVerdictNotReportedIsOfferedAgain() {
        next(Outcome.FAIL);
        next(Outcome.FAIL);
        assertThat(next(Outcome.FAIL)).isPresent();

        Verdict again = next(Outcome.FAIL).orElseThrow();

        assertThat(again.kind()).isEqualTo(Verdict.Kind.BREACHED);
        assertThat(again.consecutiveFailures()).isEqualTo(4);
        assertThat(again.firstBadAt()).isEqualTo(T0.plusSeconds(1));

        inconclusiveFor(2);
        assertThat(next(Outcome.INCONCLUSIVE)).isPresent();
        assertThat(next(Outcome.INCONCLUSIVE)).as("still not reported").isPresent();
    }

    @Test
    void aBreachStandsWhenDataGoesMissing() {
        breach();
        inconclusiveFor(5);

        assertThat(next(Outcome.INCONCLUSIVE)).isEmpty();
    }

    @Test
    void aPendingEvaluationMovesNoStreakAndIsNeverNews() {
        for (int i = 0; i < 5; i++) {
            assertThat(next(Outcome.PENDING)).as("not inconclusive").isEmpty();
        }
        next(Outcome.FAIL);
        next(Outcome.PENDING);
        next(Outcome.FAIL);
        Verdict breach = report(next(Outcome.FAIL).orElseThrow());
        assertThat(breach.consecutiveFailures()).as("the pending evaluation is not a failure").isEqualTo(3);
        assertThat(breach.firstBadAt()).isEqualTo(T0.plusSeconds(6));

        assertThat(next(Outcome.PENDING)).as("not a recovery").isEmpty();
        assertThat(next(Outcome.PASS)).isPresent();
    }

    @Test
    void aBreachNeedsAtLeastOneFailure() {
        assertThatThrownBy(() -> new CheckTracker(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckTracker(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new CheckTracker(1).observe(result(Outcome.FAIL), T0)).isPresent();
    }

    @Test
    void aSequentialCheckBreachesAtOnceWithItsChangePointAndIsInconclusiveOnlyAfterItsOwnCount() {
        CheckTracker sequential = new CheckTracker(1, 3);
        CheckResult crossed = new CheckResult(HealthCheck.ERROR_RATE, Outcome.FAIL, 0.05, 0.01, "ratio", 100, 4, "test",
                new CheckResult.Evidence(T0.minusSeconds(6), java.time.Duration.ofSeconds(7)));

        Verdict breach = sequential.observe(crossed, T0).orElseThrow();

        assertThat(breach.kind()).isEqualTo(Verdict.Kind.BREACHED);
        assertThat(breach.consecutiveFailures()).isEqualTo(1);
        assertThat(breach.firstBadAt()).as("the check's change-point, not this evaluation").isEqualTo(T0.minusSeconds(6));
        assertThat(new CheckTracker(1, 3).observe(result(Outcome.INCONCLUSIVE), T0)).isEmpty();
        CheckTracker quiet = new CheckTracker(1, 2);
        quiet.observe(result(Outcome.INCONCLUSIVE), T0);
        assertThat(quiet.observe(result(Outcome.INCONCLUSIVE), T0.plusSeconds(1))).isPresent();
    }

    private void breach() {
        for (int i = 0; i < 3; i++) {
            next(Outcome.FAIL).ifPresent(tracker::reported);
        }
    }

    private void inconclusiveFor(int evaluations) {
        for (int i = 0; i < evaluations; i++) {
            assertThat(next(Outcome.INCONCLUSIVE)).isEmpty();
        }
    }

    private Optional<Verdict> next(Outcome outcome) {
        second++;
        return tracker.observe(result(outcome), T0.plusSeconds(second));
    }

    private Verdict report(Verdict verdict) {
        tracker.reported(verdict);
        return verdict;
    }

    static CheckResult result(Outcome outcome) {
        return new CheckResult(HealthCheck.ERROR_RATE, outcome, 0.05, 0.01, "ratio", 100, 50, "test");
    }
}
