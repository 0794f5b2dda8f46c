package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.Color;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReleaseWatchesTest {

    static final Instant T = Instant.parse("2026-11-26T10:15:00Z");
    final ReleaseWatches watches = new ReleaseWatches(DirectScrapeSourceIT.health());

    @Test
    void aResumedWatchNeitherDuplicatesNorResetsTheOneInPlace() {
        WatchedRelease two = new WatchedRelease("checkout-staging-2", "checkout", Color.GREEN, "r/c:2", T, T.plusSeconds(900));
        watches.start(two);
        ReleaseWatches.Watch inPlace = watches.all().iterator().next();

        watches.resume(two);
        assertThat(watches.all()).containsExactly(inPlace);

        WatchedRelease three = new WatchedRelease("checkout-staging-3", "checkout", Color.BLUE, "r/c:3", T, T.plusSeconds(900));
        watches.resume(three);
        assertThat(watches.all()).extracting(w -> w.release().deploymentId()).containsExactly("checkout-staging-3");

        watches.stop("checkout", "checkout-staging-2", "not the one watched");
        assertThat(watches.size()).isEqualTo(1);
        watches.stop("checkout", "checkout-staging-3", "stable");
        watches.stop("checkout", "checkout-staging-3", "again");
        assertThat(watches.size()).isZero();
    }
}
