package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShareTestDesignTest {

    static final double TWO_MONTHS = 60 * 86_400;
    final ShareTestDesign errors = ShareTestDesign.of(0.005, 0.01, TWO_MONTHS);

    @Test
    void theSmallestAlternativesEvidenceHasNoDriftAtTheThreshold() {
        double smallest = errors.alternatives().get(0);

        assertThat(smallest).isCloseTo(0.0175, within(0.0005));
        assertThat(ShareTestDesign.crossover(0.005, smallest)).isCloseTo(0.01, within(1e-12));
        // the mean log-likelihood ratio of one request at the threshold is zero
        double perRequest = 0.01 * Math.log(smallest / 0.005) + 0.99 * Math.log((1 - smallest) / 0.995);
        assertThat(perRequest).isCloseTo(0, within(1e-12));
    }

    @Test
    void theAlternativesAreLogSpacedAtMostThreeTimesApartUpToNinetyPercent() {
        List<Double> q = errors.alternatives();

        assertThat(q).hasSize(5);
        assertThat(q.get(q.size() - 1)).isCloseTo(0.9, within(1e-12));
        for (int i = 1; i < q.size(); i++) {
            assertThat(q.get(i) / q.get(i - 1)).isCloseTo(q.get(1) / q.get(0), within(1e-9)).isLessThanOrEqualTo(3);
        }
        assertThat(ShareTestDesign.of(0.5, 0.8, 100).alternatives()).as("above 90%: one alternative").hasSize(1);
    }

    @Test
    void theThresholdIsTheBudgetInEvaluations() {
        assertThat(ShareTestDesign.evaluationsPerFalseAlarm(0.5, Duration.ofSeconds(1))).isEqualTo(TWO_MONTHS);
        assertThat(ShareTestDesign.evaluationsPerFalseAlarm(0.5, Duration.ofMillis(500))).isEqualTo(2 * TWO_MONTHS);
        assertThat(errors.evaluationsPerFalseAlarm()).isCloseTo(TWO_MONTHS, within(1e-3));
        assertThat(errors.logThreshold()).isCloseTo(Math.log(TWO_MONTHS), within(1e-12));
    }

    @Test
    void fourFailedRequestsInARowCanBreachAtOnceThreeCannot() {
        assertThat(errors.fewestRequestsToBreach()).isEqualTo(4);
    }

    @Test
    void aBaselineAtOrAboveTheThresholdOrNoBudgetIsRefused() {
        assertThatThrownBy(() -> ShareTestDesign.of(0.01, 0.01, TWO_MONTHS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 < baseline < threshold < 1");
        assertThatThrownBy(() -> ShareTestDesign.of(0.005, 0.01, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
