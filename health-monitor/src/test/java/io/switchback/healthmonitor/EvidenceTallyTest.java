package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvidenceTallyTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void theFiguresOfAnIntervalAreItsEvaluationsSummedThenItStartsAnew() {
        EvidenceTally tally = new EvidenceTally(Duration.ofSeconds(2));

        assertThat(tally.add(stats(0, 100, 5, 0.9))).isEmpty();
        assertThat(tally.add(stats(1, 100, 5, 0.9))).isEmpty();
        Optional<EvidenceTally.Figures> first = tally.add(stats(2, 200, 0, 0.9));
        Optional<EvidenceTally.Figures> next = tally.add(stats(3, 100, 50, 0.5));

        assertThat(first).hasValueSatisfying(f -> {
            assertThat(f.from()).isEqualTo(T0);
            assertThat(f.to()).isEqualTo(T0.plusSeconds(2));
            assertThat(f.requests()).isEqualTo(400);
            assertThat(f.errorRate()).isCloseTo(10 / 400.0, within(1e-9));
            // 90% at or below 100 ms, the rest up to 1 s: the p95 is halfway into the upper bucket
            assertThat(f.p95Ms()).isCloseTo(550, within(1e-6));
        });
        assertThat(next).as("the next interval has just begun").isEmpty();
        assertThat(tally.add(stats(5, 100, 0, 0.5))).hasValueSatisfying(f -> {
            assertThat(f.from()).isEqualTo(T0.plusSeconds(2));
            assertThat(f.requests()).isEqualTo(200);
            assertThat(f.errorRate()).isCloseTo(0.25, within(1e-9));
        });
    }

    @Test
    void withoutRequestsThereIsNoRateAndNoP95AndAZeroIntervalGivesNoFigures() {
        EvidenceTally tally = new EvidenceTally(Duration.ofSeconds(1));
        tally.add(stats(0, 0, 0, 1));

        assertThat(tally.add(stats(1, 0, 0, 1))).hasValueSatisfying(f -> {
            assertThat(f.requests()).isZero();
            assertThat(f.errorRate()).isNull();
            assertThat(f.p95Ms()).isNull();
        });
        EvidenceTally off = new EvidenceTally(Duration.ZERO);
        assertThat(off.add(stats(0, 10, 1, 1))).isEmpty();
        assertThat(off.add(stats(60, 10, 1, 1))).isEmpty();
    }

    @Test
    void aBreachCutsTheIntervalShortSoThatItsFiguresAreNotLostWithTheRelease() {
        EvidenceTally tally = new EvidenceTally(Duration.ofSeconds(5));
        tally.add(stats(0, 100, 0, 1));

        assertThat(tally.add(stats(1, 100, 10, 1), true)).hasValueSatisfying(f -> {
            assertThat(f.to()).isEqualTo(T0.plusSeconds(1));
            assertThat(f.errorRate()).isCloseTo(0.05, within(1e-9));
        });
        assertThat(tally.add(stats(2, 100, 0, 1))).as("the next interval runs from the cut").isEmpty();
    }

    /** {@code fast} of the requests at or below 100 ms, the others at or below 1 s. */
    private static WindowStats stats(int second, long requests, long errors, double fast) {
        Map<Double, Double> buckets = requests == 0 ? Map.of() : Map.of(0.1, requests * fast, 1.0, (double) requests,
                Double.POSITIVE_INFINITY, (double) requests);
        return new WindowStats(T0.plusSeconds(second), requests, errors, buckets, 1, 0, PodHealth.NOT_JUDGED);
    }
}
