package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ShareTestTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:15:00Z");
    final ShareTest test = new ShareTest(ShareTestDesign.of(0.005, 0.01, 60 * 86_400), Duration.ofSeconds(1));
    int second;

    @Test
    void exactlyTheBaselineNeverBuildsEvidence() {
        for (int i = 0; i < 100_000; i++) {
            ShareTest.Reading reading = next(200, 1);
            assertThat(reading.state()).isEqualTo(ShareTest.State.HEALTHY);
            assertThat(reading.logStatistic()).isLessThan(test.design().logThreshold() - 10);
        }
    }

    @Test
    void aFaultBreachesWithTheEvidenceSinceItsFirstEvaluation() {
        for (int i = 0; i < 30; i++) {
            next(50, 0);
        }
        ShareTest.Reading reading = next(50, 2);
        while (reading.state() != ShareTest.State.BREACHED) {
            reading = next(50, 3);
        }

        assertThat(second).as("5-6% errors at 50 requests/s").isBetween(32, 45);
        assertThat(reading.firstBadAt()).isEqualTo(T0.plusSeconds(31));
        assertThat(reading.from()).isEqualTo(T0.plusSeconds(30));
        assertThat(reading.evidence().trials()).isEqualTo(50.0 * (second - 30));
        assertThat(reading.evidence().failures()).isEqualTo(2 + 3.0 * (second - 31));
        assertThat(reading.alternative()).as("the alternative closest to 6%").isBetween(0.04, 0.13);
        assertThat(next(50, 3).state()).as("stays breached").isEqualTo(ShareTest.State.BREACHED);
    }

    @Test
    void aBreachRecoversOnceTheBaselineIsBackThenStartsAfresh() {
        ShareTest.Reading reading = next(100, 20);
        assertThat(reading.state()).isEqualTo(ShareTest.State.BREACHED);
        for (int i = 0; i < 5; i++) {
            assertThat(next(100, 0).state()).as("one healthy second is no recovery").isEqualTo(ShareTest.State.BREACHED);
        }
        while (reading.state() == ShareTest.State.BREACHED) {
            reading = next(100, 0);
        }

        assertThat(reading.state()).isEqualTo(ShareTest.State.RECOVERED);
        assertThat(reading.firstBadAt()).as("the first healthy evaluation").isEqualTo(T0.plusSeconds(2));
        assertThat(reading.evidence().failures()).isZero();
        assertThat(second).as("the evidence for the baseline a breach needs, at 100 requests/s").isBetween(10, 40);
        assertThat(next(100, 0).state()).isEqualTo(ShareTest.State.HEALTHY);
        assertThat(next(100, 20).state()).as("a new fault breaches again").isEqualTo(ShareTest.State.BREACHED);
    }

    @Test
    void anEvaluationWithoutRequestsChangesNothing() {
        double before = next(100, 1).logStatistic();

        ShareTest.Reading empty = next(0, 0);

        assertThat(empty.logStatistic()).isEqualTo(before);
        assertThat(empty.state()).isEqualTo(ShareTest.State.HEALTHY);
    }

    /**
     * The calibration the budget rests on: at the baseline, the mixture minus the evaluations is a martingale, so
     * the mean time to a false alarm is at least the threshold whatever the traffic. Checked with a threshold small
     * enough to reach: 400 seeded runs, mean run length at least 90% of it (the standard error is about 5%).
     */
    @Test
    void atTheBaselineFalseAlarmsComeNoOftenerThanTheThresholdSays() {
        for (int n : new int[] {5, 500}) {
            double total = 0;
            SplittableRandom random = new SplittableRandom(n);
            int runs = 400;
            for (int run = 0; run < runs; run++) {
                ShareTest small = new ShareTest(ShareTestDesign.of(0.005, 0.01, 200), Duration.ofSeconds(1));
                int t = 0;
                ShareTest.Reading reading;
                do {
                    t++;
                    int bad = SimulatedRelease.binomial(random, n, 0.005);
                    reading = small.observe(new Tally(n, bad, new TreeMap<>()), T0.plusSeconds(t));
                } while (reading.state() != ShareTest.State.BREACHED);
                total += t;
            }
            assertThat(total / runs).as("mean evaluations to a false alarm at %d requests each", n)
                    .isGreaterThanOrEqualTo(0.9 * 200);
        }
    }

    @Test
    void softplusAndLogSumExpDoNotOverflow() {
        assertThat(ShareTest.softplus(Double.NEGATIVE_INFINITY)).isZero();
        assertThat(ShareTest.softplus(1000)).isCloseTo(1000, within(1e-9));
        assertThat(ShareTest.logSumExp(1000, 1000)).isCloseTo(1000 + Math.log(2), within(1e-9));
        assertThat(ShareTest.logSumExp(Double.NEGATIVE_INFINITY, 3)).isEqualTo(3);
    }

    private ShareTest.Reading next(double requests, double failures) {
        second++;
        return test.observe(new Tally(requests, failures, new TreeMap<>()), T0.plusSeconds(second));
    }
}
