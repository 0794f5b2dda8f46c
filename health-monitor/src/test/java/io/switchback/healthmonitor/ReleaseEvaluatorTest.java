package io.switchback.healthmonitor;

import static io.switchback.healthmonitor.SlidingWindowTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.HealthCheck;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReleaseEvaluatorTest {

    static HealthRules rules(Set<HealthCheck> enabled) {
        return new HealthRules(Duration.ofSeconds(10), 0.01, 2.326, Duration.ofMillis(500), 50, 2, Duration.ofSeconds(5),
                enabled);
    }

    @Test
    void noPodsIsInconclusiveForEveryEnabledCheckOnce() {
        ReleaseEvaluator evaluator = new ReleaseEvaluator(rules(EnumSet.allOf(HealthCheck.class)));

        assertThat(evaluator.evaluate(ReleaseSnapshot.of(T0.minusSeconds(1), List.of()))).isEmpty();
        List<Verdict> first = evaluator.evaluate(ReleaseSnapshot.of(T0, List.of()));
        assertThat(first).extracting(Verdict::kind).containsOnly(Verdict.Kind.INCONCLUSIVE);
        assertThat(first).extracting(v -> v.result().check()).containsExactly(HealthCheck.values());
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
    void eachTriggerGetsItsCheck() {
        HealthRules rules = rules(EnumSet.allOf(HealthCheck.class));

        assertThat(ReleaseEvaluator.checkFor(HealthCheck.ERROR_RATE, rules)).isEqualTo(new ErrorRateCheck(0.01, 2.326, 50));
        assertThat(ReleaseEvaluator.checkFor(HealthCheck.P95_LATENCY, rules)).isEqualTo(new LatencyCheck(500, 50));
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
}
