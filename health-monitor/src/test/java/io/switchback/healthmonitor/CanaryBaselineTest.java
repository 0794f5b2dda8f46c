package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanaryBaselineTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private final HealthProperties.CanaryBaseline settings = HealthProperties.CanaryBaseline.DEFAULTS;

    @Test
    void aCanaryWorseThanTheLiveColourBeyondTheMarginBreachesOnceBothAnsweredEnough() {
        CanaryBaseline baseline = new CanaryBaseline(settings);
        baseline.evaluate(snapshot(0, 0, 0), snapshot(0, 0, 0));

        CheckResult early = baseline.evaluate(snapshot(1, 100, 8), snapshot(1, 300, 1));
        assertThat(early.outcome()).isEqualTo(CheckResult.Outcome.INCONCLUSIVE);
        assertThat(early.reason()).isEqualTo("100 canary and 300 live requests so far, 200 of each needed");

        CheckResult judged = baseline.evaluate(snapshot(2, 300, 24), snapshot(2, 900, 4));
        assertThat(judged.outcome()).isEqualTo(CheckResult.Outcome.FAIL);
        assertThat(judged.observed()).isEqualTo(0.08);
        assertThat(judged.threshold()).isCloseTo(0.0144, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(judged.reason()).startsWith("canary 8.00% of 300 requests failed, live 0.44% of 900");
    }

    @Test
    void aCanaryAsGoodAsTheLiveColourOrWithinTheMarginOrWithTooLittleEvidencePasses() {
        CanaryBaseline same = new CanaryBaseline(settings);
        same.evaluate(snapshot(0, 0, 0), snapshot(0, 0, 0));
        assertThat(same.evaluate(snapshot(1, 400, 2), snapshot(1, 1200, 6)).outcome())
                .isEqualTo(CheckResult.Outcome.PASS);

        CanaryBaseline withinMargin = new CanaryBaseline(settings);
        withinMargin.evaluate(snapshot(0, 0, 0), snapshot(0, 0, 0));
        assertThat(withinMargin.evaluate(snapshot(1, 1000, 12), snapshot(1, 3000, 9)).outcome())
                .as("1.2% against 0.3%: 0.9 points, inside the 1-point margin").isEqualTo(CheckResult.Outcome.PASS);

        CanaryBaseline unlucky = new CanaryBaseline(settings);
        unlucky.evaluate(snapshot(0, 0, 0), snapshot(0, 0, 0));
        assertThat(unlucky.evaluate(snapshot(1, 200, 6), snapshot(1, 600, 3)).outcome())
                .as("3.0% against 0.5% over 200 requests: z below 4").isEqualTo(CheckResult.Outcome.PASS);
    }

    private static ReleaseSnapshot snapshot(int second, long requests, long errors) {
        return ReleaseSnapshot.of(T0.plusSeconds(second),
                List.of(new PodSample("a", new PodMetrics(requests, errors, Map.of(), 0), true)));
    }
}
