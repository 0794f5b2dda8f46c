package io.switchback.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.Color;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SoakSweeperTest {

    static final Instant NOW = Instant.parse("2026-11-26T10:30:00Z");

    @Test
    void aSoakEndsWhenTheRollbackWindowOfALiveReleaseHasPassed() {
        assertThat(SoakSweeper.soakEnded(record("dep-2", Color.BLUE, NOW, null), NOW)).isTrue();
        assertThat(SoakSweeper.soakEnded(record("dep-2", Color.BLUE, NOW.minusSeconds(1), null), NOW)).isTrue();
    }

    @Test
    void notBeforeTheWindowEndsNorForAnythingButASwitchedLiveRelease() {
        assertThat(SoakSweeper.soakEnded(record("dep-2", Color.BLUE, NOW.plusSeconds(1), null), NOW)).isFalse();
        assertThat(SoakSweeper.soakEnded(record(null, Color.BLUE, NOW, null), NOW)).as("no release yet").isFalse();
        assertThat(SoakSweeper.soakEnded(record("dep-2", null, NOW, null), NOW)).as("no previous colour").isFalse();
        assertThat(SoakSweeper.soakEnded(record("dep-2", Color.BLUE, null, null), NOW)).as("no window").isFalse();
        assertThat(SoakSweeper.soakEnded(record("dep-1", Color.GREEN, NOW, "dep-2"), NOW)).as("rolled back").isFalse();
    }

    private static ReleaseRecord record(String deploymentId, Color previous, Instant windowEnds, String rolledBack) {
        return new ReleaseRecord(deploymentId, Color.GREEN, "r/c:2", previous, "r/c:1", "dep-1", windowEnds,
                NOW.minusSeconds(900), rolledBack);
    }
}
