package io.switchback.healthmonitor;

import static io.switchback.healthmonitor.TrafficIncrementsTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchback.events.HealthCheck;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReleaseEvaluatorTest {

    static HealthRules rules(Set<HealthCheck> enabled) {
        return HealthFixtures.rules(Duration.ofSeconds(5), enabled);
    }

    @Test
    void noPodsIsInconclusiveForEveryEnabledCheckOnce() {
        ReleaseEvaluator evaluator = new ReleaseEvaluator(rules(EnumSet.copyOf(ReleaseEvaluator.TRIGGERS)));

        assertThat(evaluator.evaluate(ReleaseSnapshot.of(T0.minusSeconds(1), List.of()))).isEmpty();
        List<Verdict> first = evaluator.evaluate(ReleaseSnapshot.of(T0, List.of()));
        assertThat(first).extracting(Verdict::kind).containsOnly(Verdict.Kind.INCONCLUSIVE);
        assertThat(first).extracting(v -> v.result().check()).containsExactlyElementsOf(ReleaseEvaluator.TRIGGERS);
        first.forEach(evaluator::reported);

        assertThat(evaluator.evaluate(ReleaseSnapshot.of(T0.plusSeconds(1), List.of()))).isEmpty();
    }

    @Test
    void onlyEnabledChecksRunAndABadPodBreachesAfterTheConsecutiveEvaluations() {
        ReleaseEvaluator evaluator = new ReleaseEvaluator(rules(EnumSet.of(HealthCheck.HEALTH_ENDPOINT)));
        PodSample unhealthy = new PodSample("a", null, false);

        assertThat(evaluator.evaluate(ReleaseSnapshot.of(T0, List.of(unhealthy)))).isEmpty();
        List<Verdict> second = evaluator.evaluate(ReleaseSnapshot.of(T0.plusSeconds(1), List.of(unhealthy)));

        assertThat(second).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Verdict.Kind.BREACHED);
            assertThat(v.result().check()).isEqualTo(HealthCheck.HEALTH_ENDPOINT);
            assertThat(v.firstBadAt()).isEqualTo(T0);
        });
        assertThat(evaluator.rules().enabled()).containsExactly(HealthCheck.HEALTH_ENDPOINT);
    }

    @Test
    void eachTriggerGetsItsCheckWithHalfTheFalseAlarmBudget() {
        HealthRules rules = rules(EnumSet.copyOf(ReleaseEvaluator.TRIGGERS));

        ErrorRateCheck errorRate = (ErrorRateCheck) ReleaseEvaluator.checkFor(HealthCheck.ERROR_RATE, rules);
        assertThat(errorRate.design().baseline()).isEqualTo(0.005);
        assertThat(errorRate.design().threshold()).isEqualTo(0.01);
        assertThat(errorRate.design().evaluationsPerFalseAlarm()).as("two months of one-second evaluations")
                .isCloseTo(60 * 86_400, within(1.0));
        LatencyCheck latency = (LatencyCheck) ReleaseEvaluator.checkFor(HealthCheck.P95_LATENCY, rules);
        assertThat(latency.design().baseline()).isEqualTo(0.025);
        assertThat(latency.design().threshold()).isEqualTo(0.05);
        assertThat(latency.threshold()).isEqualTo(500);
        assertThat(latency.design().evaluationsPerFalseAlarm()).isCloseTo(60 * 86_400, within(1.0));
        assertThat(ReleaseEvaluator.checkFor(HealthCheck.CIRCUIT_BREAKER, rules).check()).isEqualTo(HealthCheck.CIRCUIT_BREAKER);
        assertThat(ReleaseEvaluator.checkFor(HealthCheck.HEALTH_ENDPOINT, rules).check()).isEqualTo(HealthCheck.HEALTH_ENDPOINT);
    }

    @Test
    void aRecoveredReleaseSaysSo() {
        ReleaseEvaluator evaluator = new ReleaseEvaluator(rules(EnumSet.of(HealthCheck.CIRCUIT_BREAKER)));
        PodSample open = new PodSample("a", new PodMetrics(0, 0, Map.of(), 1), true);
        PodSample closed = new PodSample("a", new PodMetrics(0, 0, Map.of(), 0), true);

        evaluator.evaluate(ReleaseSnapshot.of(T0, List.of(open)));
        evaluator.evaluate(ReleaseSnapshot.of(T0.plusSeconds(1), List.of(open))).forEach(evaluator::reported);

        assertThat(evaluator.evaluate(ReleaseSnapshot.of(T0.plusSeconds(2), List.of(closed))))
                .extracting(Verdict::kind).containsExactly(Verdict.Kind.RECOVERED);
    }

    @Test
    void anErrorRateBreachesOnTheEvaluationItsTestCrossesWithTheChangePointAsFirstBadAt() {
        ReleaseEvaluator evaluator = new ReleaseEvaluator(rules(EnumSet.of(HealthCheck.ERROR_RATE)));
        long requests = 0;
        long errors = 0;
        Verdict breach = null;
        for (int second = 1; second <= 60 && breach == null; second++) {
            requests += 100;
            errors += second <= 10 ? 0 : 20;
            List<Verdict> verdicts = evaluator.evaluate(ReleaseSnapshot.of(T0.plusSeconds(second),
                    List.of(new PodSample("a", new PodMetrics(requests, errors, Map.of(), 0), true))));
            breach = verdicts.stream().filter(v -> v.kind() == Verdict.Kind.BREACHED).findFirst().orElse(null);
        }

        assertThat(breach).isNotNull();
        assertThat(breach.at()).as("20% errors from 11 s at 100 requests/s: a few seconds").isBetween(
                T0.plusSeconds(11), T0.plusSeconds(14));
        assertThat(breach.consecutiveFailures()).isEqualTo(1);
        assertThat(breach.firstBadAt()).as("the first evaluation with errors").isEqualTo(T0.plusSeconds(11));
        assertThat(breach.result().evidence().span()).isEqualTo(Duration.between(T0.plusSeconds(10), breach.at()));
        assertThat(breach.result().observed()).isEqualTo(0.2);
    }
}
