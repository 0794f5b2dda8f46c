package io.switchback.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildConclusion;
import io.switchback.events.DeploymentSkipped;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeploymentEventsTest {

    private final DeploymentEvents events = new DeploymentEvents("staging");

    @Test
    void aCauseSkippedAgainIsSaidUnderTheSameIdAndAnotherCauseUnderItsOwn() {
        BuildCompleted build = Fixtures.build("registry.example/checkout:1.4.0", "main", BuildConclusion.SUCCESS, 7,
                Instant.parse("2026-11-27T10:00:00Z"));
        BuildCompleted other = Fixtures.build("registry.example/checkout:1.4.0", "main", BuildConclusion.SUCCESS, 8,
                Instant.parse("2026-11-27T10:00:00Z"));

        DeploymentSkipped first = events.skipped("checkout", build, "d-1", build.image(), "image is already live", null,
                Instant.parse("2026-11-27T10:00:01Z"));
        DeploymentSkipped again = events.skipped("checkout", build, "d-1", build.image(), "a newer build was taken",
                null, Instant.parse("2026-11-27T10:00:09Z"));
        DeploymentSkipped another = events.skipped("checkout", other, "d-2", other.image(), "image is already live",
                null, Instant.parse("2026-11-27T10:00:01Z"));

        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(another.eventId()).isNotEqualTo(first.eventId());
        assertThat(first.causeEventId()).isEqualTo(build.eventId());
    }
}
