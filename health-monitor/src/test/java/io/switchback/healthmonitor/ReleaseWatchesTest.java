package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.Color;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReleaseWatchesTest {

    static final Instant T = Instant.parse("2026-11-26T10:15:00Z");
    final ReleaseWatches watches = new ReleaseWatches(HealthFixtures.health());

    @Test
    void aResumedOrRestartedWatchNeitherDuplicatesNorResetsTheOneInPlace() {
        WatchedRelease two = new WatchedRelease("checkout-staging-2", "checkout", Color.GREEN, "r/c:2", T, T.plusSeconds(900));
        watches.start(two);
        ReleaseWatches.Watch inPlace = watches.all().iterator().next();

        watches.resume(two);
        assertThat(watches.all()).containsExactly(inPlace);
        watches.start(new WatchedRelease("checkout-staging-2", "checkout", Color.GREEN, "r/c:2", T.plusSeconds(1), null));
        assertThat(watches.all()).as("a late or redelivered traffic-switched event of the same release")
                .containsExactly(inPlace);

        WatchedRelease three = new WatchedRelease("checkout-staging-3", "checkout", Color.BLUE, "r/c:3", T, T.plusSeconds(900));
        watches.resume(three);
        assertThat(watches.all()).extracting(w -> w.release().deploymentId()).containsExactly("checkout-staging-3");

        watches.stop("checkout", "checkout-staging-2", "not the one watched");
        assertThat(watches.size()).isEqualTo(1);
        watches.stop("checkout", "checkout-staging-3", "stable");
        watches.stop("checkout", "checkout-staging-3", "again");
        assertThat(watches.size()).isZero();
    }

    @Test
    void aReleaseTheDeployerEndedIsNotResumedFromARecordThatHasNotCaughtUp() {
        WatchedRelease two = new WatchedRelease("checkout-staging-2", "checkout", Color.GREEN, "r/c:2", T, null);
        watches.start(two);

        watches.end("checkout", "checkout-staging-2", "stable after its soak");
        watches.resume(two);
        assertThat(watches.size()).isZero();

        WatchedRelease three = new WatchedRelease("checkout-staging-3", "checkout", Color.BLUE, "r/c:3", T, null);
        watches.resume(three);
        watches.stop("checkout", "checkout-staging-3", "its partition moved");
        watches.resume(three);
        assertThat(watches.all()).as("a stop that is not an end can be resumed").extracting(ReleaseWatches.Watch::release)
                .containsExactly(three);
    }

    @Test
    void aCanaryIsWatchedBesideTheLiveReleaseAndWhenItTakesTheTrafficItsEvidenceGoesOn() {
        WatchedRelease live = new WatchedRelease("checkout-production-2", "checkout", Color.GREEN, "r/c:2", T,
                T.plusSeconds(900));
        WatchedRelease canary = new WatchedRelease("checkout-production-3", "checkout", Color.BLUE, "r/c:3",
                T.plusSeconds(60), null, true);
        watches.start(live);
        watches.start(canary);
        assertThat(watches.all()).extracting(w -> w.release().deploymentId())
                .containsExactlyInAnyOrder("checkout-production-2", "checkout-production-3");
        ReleaseEvaluator judgedSinceTheCanary = watches.all().stream()
                .filter(w -> w.release().canary()).findFirst().orElseThrow().evaluator();

        // its canary's time passed: reported once, never again for the canary
        judgedSinceTheCanary.soakReported(new SoakTally.SoakVerdict(true, java.time.Duration.ofSeconds(300),
                java.time.Duration.ofSeconds(240), java.time.Duration.ZERO, "every check passed", T.plusSeconds(360)));

        WatchedRelease switched = new WatchedRelease("checkout-production-3", "checkout", Color.BLUE, "r/c:3",
                T.plusSeconds(360), T.plusSeconds(1260));
        watches.start(switched);
        assertThat(watches.all()).singleElement().satisfies(w -> {
            assertThat(w.release()).isEqualTo(switched);
            assertThat(w.evaluator()).isSameAs(judgedSinceTheCanary);
            assertThat(w.evaluator().soakVerdict(switched, T.plusSeconds(1260))).as("its soak is tallied anew")
                    .hasValueSatisfying(v -> assertThat(v.healthy()).isZero());
        });

        watches.start(new WatchedRelease("checkout-production-4", "checkout", Color.GREEN, "r/c:4", T, null, true));
        watches.stop("checkout", "checkout-production-4", "the canary failed");
        assertThat(watches.all()).extracting(w -> w.release().deploymentId()).containsExactly("checkout-production-3");
    }
}
