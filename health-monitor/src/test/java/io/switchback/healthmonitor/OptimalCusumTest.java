package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bound is computed, so it is checked: against a simulation of the CUSUM itself, unrounded. */
class OptimalCusumTest {

    @Test
    void theMarkovChainsRunLengthsAreThoseOfTheCusumItself() {
        OptimalCusum.Bound bound = OptimalCusum.of(0.005, 0.05, 50, 2_000);

        assertThat(bound.averageRunLengthAtBaseline()).as("the first threshold that meets the budget").isBetween(2_000.0, 3_000.0);
        assertThat(simulatedRunLength(0.005, 0.05, 50, bound.threshold(), 0.005, 3_000))
                .isCloseTo(bound.averageRunLengthAtBaseline(), within(0.08 * bound.averageRunLengthAtBaseline()));
        assertThat(simulatedRunLength(0.005, 0.05, 50, bound.threshold(), 0.05, 20_000))
                .isCloseTo(bound.expectedDelay(), within(0.03 * bound.expectedDelay()));
    }

    @Test
    void atTheDefaultBudgetAFivePercentErrorRateAtFiftyRequestsASecondNeedsAboutFiveSeconds() {
        OptimalCusum.Bound bound = OptimalCusum.of(0.005, 0.05, 50, 60 * 86_400);

        assertThat(bound.averageRunLengthAtBaseline()).isGreaterThanOrEqualTo(60 * 86_400);
        assertThat(bound.expectedDelay()).isCloseTo(4.64, within(0.1));
    }

    private static double simulatedRunLength(double p0, double p1, int n, double h, double p, int runs) {
        SplittableRandom random = new SplittableRandom(11);
        double perRequest = Math.log((1 - p0) / (1 - p1));
        double perFailure = Math.log(p1 / p0) + perRequest;
        long total = 0;
        for (int run = 0; run < runs; run++) {
            double w = 0;
            int t = 0;
            do {
                t++;
                w = Math.max(0, w + SimulatedRelease.binomial(random, n, p) * perFailure - n * perRequest);
            } while (w < h);
            total += t;
        }
        return (double) total / runs;
    }
}
