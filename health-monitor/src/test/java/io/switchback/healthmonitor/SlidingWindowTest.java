package io.switchback.healthmonitor;

import static io.switchback.healthmonitor.PodMetricsTest.INF;
import static io.switchback.healthmonitor.PodMetricsTest.metrics;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:15:00Z");
    final SlidingWindow window = new SlidingWindow(Duration.ofSeconds(10));

    @Test
    void theFirstSnapshotCountsFromZero() {
        WindowStats stats = window.add(at(0, pod("a", metrics(100, 5, 60, 100))));

        assertThat(stats.requests()).isEqualTo(100);
        assertThat(stats.errors()).isEqualTo(5);
        assertThat(window.length()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void trafficIsTheDifferenceToTheOldestSnapshotInsideTheWindow() {
        window.add(at(0, pod("a", metrics(100, 5, 60, 100)), pod("b", metrics(1000, 0, 1000, 1000))));
        window.add(at(5, pod("a", metrics(150, 6, 90, 150)), pod("b", metrics(1100, 0, 1100, 1100))));
        WindowStats at10 = window.add(at(10, pod("a", metrics(200, 8, 120, 200)), pod("b", metrics(1200, 1, 1150, 1200))));

        assertThat(at10.requests()).isEqualTo(100 + 200);
        assertThat(at10.errors()).isEqualTo(3 + 1);
        assertThat(at10.buckets()).containsExactly(Map.entry(0.1, 60.0 + 150.0), Map.entry(INF, 300.0));

        WindowStats at11 = window.add(at(11, pod("a", metrics(210, 8, 130, 210)), pod("b", metrics(1210, 1, 1160, 1210))));
        assertThat(at11.requests()).as("the snapshot at 0 s fell out; 5 s is the oldest now").isEqualTo(60 + 110);
    }

    @Test
    void aPodThatAppearedOrRestartedCountsFromZeroAndAPodThatWentDropsOut() {
        window.add(at(0, pod("old", metrics(500, 50, 500, 500)), pod("restarted", metrics(300, 0, 300, 300))));
        WindowStats stats = window.add(at(2, pod("restarted", metrics(20, 2, 20, 20)), pod("new", metrics(30, 3, 30, 30))));

        assertThat(stats.requests()).isEqualTo(20 + 30);
        assertThat(stats.errors()).isEqualTo(2 + 3);
        assertThat(stats.podsScraped()).isEqualTo(2);
    }

    @Test
    void aPodMissingFromTheOldestSnapshotIsMeasuredFromTheOldestOneThatHasIt() {
        window.add(at(0, new PodSample("a", null, true)));
        window.add(at(1, pod("a", metrics(100, 1, 100, 100))));
        WindowStats stats = window.add(at(2, pod("a", metrics(160, 2, 160, 160))));

        assertThat(stats.requests()).isEqualTo(60);
    }

    @Test
    void podStatesComeFromTheNewestSnapshot() {
        window.add(at(0, new PodSample("a", new PodMetrics(0, 0, Map.of(), 2), false)));
        WindowStats stats = window.add(at(1,
                new PodSample("a", new PodMetrics(0, 0, Map.of(), 1), true),
                new PodSample("b", new PodMetrics(0, 0, Map.of(), 0), false),
                new PodSample("c", null, null),
                new PodSample("d", null, true)));

        assertThat(stats.podsScraped()).isEqualTo(2);
        assertThat(stats.podsBreakerOpen()).isEqualTo(1);
        assertThat(stats.pods()).as("judged apart, by PodEvidence").isEqualTo(PodHealth.NOT_JUDGED);
    }

    @Test
    void noPodsIsAnEmptyWindow() {
        WindowStats stats = window.add(at(0));

        assertThat(stats).isEqualTo(new WindowStats(0, 0, new TreeMap<>(), 0, 0, PodHealth.NOT_JUDGED));
    }

    static ReleaseSnapshot at(int seconds, PodSample... pods) {
        return ReleaseSnapshot.of(T0.plusSeconds(seconds), List.of(pods));
    }

    static PodSample pod(String name, PodMetrics metrics) {
        return new PodSample(name, metrics, true);
    }
}
