package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.Color;
import io.switchback.events.HealthBreached;
import io.switchback.events.HealthCheck;
import io.switchback.events.MetricSource;
import io.switchback.events.RollbackCause;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackTimings;
import io.switchback.events.RollbackTrigger;
import io.switchback.sandbox.scenario.FaultKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fault onset is the first response that shows the fault, whatever the fault; the switch when none does. */
class LoopFiguresTest {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    static final String BAD = "1.6.0";
    static final String GOOD = "1.5.0";

    @Test
    void theOnsetOfAnErrorFaultIsTheBadVersionsFirst5xx() {
        List<TrafficRecord> records = List.of(ok(0, GOOD, 20), ok(1_000, BAD, 20), failed(1_500, BAD),
                failed(2_000, BAD), ok(3_100, GOOD, 20), ok(3_200, GOOD, 20));

        LoopFigures figures = figures(records, FaultKind.of("r/checkout:" + BAD + "-errors-20")).orElseThrow();

        assertThat(figures.faultOnset()).isEqualTo(T0.plusMillis(1_500));
        assertThat(figures.restoredAt()).isEqualTo(T0.plusMillis(3_100));
    }

    @Test
    void theOnsetOfALatencyFaultIsTheFirstSlowResponseNotAnError() {
        List<TrafficRecord> records = List.of(ok(1_000, BAD, 20), ok(1_200, BAD, 900), ok(1_400, BAD, 950),
                ok(3_100, GOOD, 20));

        LoopFigures figures = figures(records, FaultKind.of("r/checkout:" + BAD + "-slow-800")).orElseThrow();

        assertThat(figures.faultOnset()).isEqualTo(T0.plusMillis(1_200));
    }

    @Test
    void aFaultNoResponseShowsStartsAtTheSwitch() {
        List<TrafficRecord> records = List.of(ok(1_000, BAD, 20), ok(2_000, BAD, 20), ok(3_100, GOOD, 20));

        LoopFigures figures = figures(records, FaultKind.of("r/checkout:" + BAD + "-cb-open")).orElseThrow();

        assertThat(figures.faultOnset()).as("the switch").isEqualTo(T0.plusMillis(900));
        assertThat(figures.onsetToRestored().toMillis()).isEqualTo(2_200);
    }

    @Test
    void podsGoingDownShowAsRequestsWithoutAnEndpoint() {
        TrafficRecord noEndpoint = new TrafficRecord(T0.plusMillis(2_500), null, null, null, 503, 1);
        List<TrafficRecord> records = List.of(ok(1_000, BAD, 20), noEndpoint, ok(3_100, GOOD, 20));

        LoopFigures figures = figures(records, FaultKind.of("r/checkout:" + BAD + "-unready-after-1")).orElseThrow();

        assertThat(figures.faultOnset()).isEqualTo(noEndpoint.sentAt());
    }

    private static java.util.Optional<LoopFigures> figures(List<TrafficRecord> records, FaultKind kind) {
        HealthBreached breach = new HealthBreached("b", T0.plusMillis(2_800), "staging", "checkout", "d", Color.GREEN,
                "r/checkout:" + BAD, HealthCheck.ERROR_RATE, 0.2, 0.01, "ratio", 10_000, 100, 50, 2, T0, MetricSource.DIRECT_SCRAPE, null);
        RollbackCompleted rollback = rollback(T0.plusMillis(3_000));
        return LoopFigures.of(records, r -> kind.shownBy(r, BAD), T0.plusMillis(900), GOOD, breach, rollback);
    }

    private static RollbackCompleted rollback(Instant switchedAt) {
        return new RollbackCompleted("r", switchedAt, "staging", "checkout", "d", "rb", new RollbackCause(RollbackTrigger.HEALTH_BREACH, "b", HealthCheck.ERROR_RATE, 0.2, 0.01, "errors"),
                Color.GREEN, Color.BLUE, "r/checkout:" + GOOD,
                new RollbackTimings(T0, T0.plusMillis(2_800), T0.plusMillis(2_900), switchedAt));
    }

    private static TrafficRecord ok(long ms, String version, long latencyMs) {
        return new TrafficRecord(T0.plusMillis(ms), "pod", "blue", version, 200, latencyMs);
    }

    private static TrafficRecord failed(long ms, String version) {
        return new TrafficRecord(T0.plusMillis(ms), "pod", "green", version, 500, 20);
    }
}
