package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilsonScoreTest {

    static final double Z99 = 2.326;

    @Test
    void matchesTheTextbookLowerBound() {
        // 10 of 100 at z = 1.96: the two-sided 95% Wilson interval is (0.0552, 0.1744)
        assertThat(WilsonScore.lowerBound(10, 100, 1.96)).isCloseTo(0.0552, within(1e-4));
        // 5 of 100 at z = 2.326
        assertThat(WilsonScore.lowerBound(5, 100, Z99)).isCloseTo(0.018586, within(1e-5));
    }

    @Test
    void staysBelowThePointEstimateAndRisesWithEvidence() {
        assertThat(WilsonScore.lowerBound(3, 50, Z99)).isLessThan(0.06).isGreaterThan(0.01);
        assertThat(WilsonScore.lowerBound(2, 50, Z99)).as("2 of 50 is not yet evidence of more than 1%").isLessThan(0.01);
        assertThat(WilsonScore.lowerBound(25, 500, Z99)).isGreaterThan(WilsonScore.lowerBound(5, 100, Z99));
        assertThat(WilsonScore.lowerBound(3, 500, Z99)).as("a 0.5%-ish rate").isLessThan(0.01);
    }

    @Test
    void noFailuresIsZeroAndAllFailuresIsBelowOne() {
        assertThat(WilsonScore.lowerBound(0, 1000, Z99)).isCloseTo(0, within(1e-12));
        assertThat(WilsonScore.lowerBound(1000, 1000, Z99)).isCloseTo(0.99462, within(1e-5));
    }

    @Test
    void needsTrials() {
        assertThatThrownBy(() -> WilsonScore.lowerBound(0, 0, Z99)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs trials");
    }
}
