package io.switchback.healthmonitor;

import static io.switchback.healthmonitor.PodMetricsTest.INF;
import static io.switchback.healthmonitor.PodMetricsTest.metrics;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrafficIncrementsTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:15:00Z");
    final TrafficIncrements traffic = new TrafficIncrements();

    @Test
    void theFirstSnapshotCountsFromZero() {
        WindowStats stats = traffic.add(at(0, pod("a", metrics(100, 5, 60, 100))));

        assertThat(stats.at()).isEqualTo(T0);
        assertThat(stats.requests()).isEqualTo(100);
        assertThat(stats.errors()).isEqualTo(5);
    }

    @Test
    void eachEvaluationCountsTheTrafficSinceThePreviousScrapeOfEachPod() {
        traffic.add(at(0, pod("a", metrics(100, 5, 60, 100)), pod("b", metrics(1000, 0, 1000, 1000))));
        WindowStats at1 = traffic.add(at(1, pod("a", metrics(150, 6, 90, 150)), pod("b", metrics(1100, 0, 1100, 1100))));

        assertThat(at1.requests()).isEqualTo(50 + 100);
        assertThat(at1.errors()).isEqualTo(1);
        assertThat(at1.buckets()).containsExactly(Map.entry(0.1, 30.0 + 100.0), Map.entry(INF, 150.0));

        WindowStats at2 = traffic.add(at(2, pod("a", metrics(160, 6, 100, 160)), pod("b", metrics(1100, 0, 1100, 1100))));
        assertThat(at2.requests()).isEqualTo(10);
    }

    @Test
    void aPodThatAppearedOrRestartedCountsFromZeroAndAPodThatWentDropsOut() {
        traffic.add(at(0, pod("old", metrics(500, 50, 500, 500)), pod("restarted", metrics(300, 0, 300, 300))));
        WindowStats stats = traffic.add(at(2, pod("restarted", metrics(20, 2, 20, 20)), pod("new", metrics(30, 3, 30, 30))));

        assertThat(stats.requests()).isEqualTo(20 + 30);
        assertThat(stats.errors()).isEqualTo(2 + 3);
        assertThat(stats.podsScraped()).isEqualTo(2);

        WindowStats back = traffic.add(at(3, pod("old", metrics(510, 50, 510, 510))));
        assertThat(back.requests()).as("a pod that went and came back counts from zero").isEqualTo(510);
    }

    @Test
    void aPodThatCouldNotBeScrapedIsCountedFromItsLastScrapeWhenItAnswersAgain() {
        traffic.add(at(0, pod("a", metrics(100, 1, 100, 100))));
        WindowStats missing = traffic.add(at(1, new PodSample("a", null, true)));
        WindowStats stats = traffic.add(at(2, pod("a", metrics(160, 2, 160, 160))));

        assertThat(missing.requests()).isZero();
        assertThat(missing.podsScraped()).isZero();
        assertThat(stats.requests()).as("two intervals' worth, nothing lost or counted twice").isEqualTo(60);
        assertThat(stats.errors()).isEqualTo(1);
    }

    @Test
    void podStatesComeFromTheNewestSnapshot() {
        traffic.add(at(0, new PodSample("a", new PodMetrics(0, 0, Map.of(), 2), false)));
        WindowStats stats = traffic.add(at(1,
                new PodSample("a", new PodMetrics(0, 0, Map.of(), 1), true),
                new PodSample("b", new PodMetrics(0, 0, Map.of(), 0), false),
                new PodSample("c", null, null),
                new PodSample("d", null, true)));

        assertThat(stats.podsScraped()).isEqualTo(2);
        assertThat(stats.podsBreakerOpen()).isEqualTo(1);
        assertThat(stats.pods()).as("judged apart, by PodEvidence").isEqualTo(PodHealth.NOT_JUDGED);
    }

    @Test
    void noPodsIsAnEmptyEvaluation() {
        WindowStats stats = traffic.add(at(0));

        assertThat(stats).isEqualTo(new WindowStats(T0, 0, 0, new TreeMap<>(), 0, 0, PodHealth.NOT_JUDGED));
    }

    static ReleaseSnapshot at(int seconds, PodSample... pods) {
        return ReleaseSnapshot.of(T0.plusSeconds(seconds), List.of(pods));
    }

    static PodSample pod(String name, PodMetrics metrics) {
        return new PodSample(name, metrics, true);
    }
}
