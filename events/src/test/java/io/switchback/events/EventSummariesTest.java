package io.switchback.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventSummariesTest {

    @Test
    void everyEventTypeHasALineOfItsOwn() {
        for (SwitchbackEvent event : EventExamples.all()) {
            assertThat(EventSummaries.describe(event)).as(event.type().ceType())
                    .isNotBlank().isNotEqualTo(event.eventId());
            assertThat(EventSummaries.shortType(event)).doesNotStartWith("io.").doesNotEndWith(".v1");
        }
    }

    @Test
    void aBreachShowsItsEvidence() {
        HealthBreached breach = EventExamples.all().stream().filter(HealthBreached.class::isInstance)
                .map(HealthBreached.class::cast).findFirst().orElseThrow();

        assertThat(EventSummaries.describe(breach)).contains(breach.check().wire(), breach.unit(),
                breach.windowMs() + " ms", breach.sampleCount() + " samples");
    }

    @Test
    void evidenceShowsItsFiguresBesideTheirThresholds() {
        HealthEvidence evidence = EventExamples.all().stream().filter(HealthEvidence.class::isInstance)
                .map(HealthEvidence.class::cast).findFirst().orElseThrow();

        assertThat(EventSummaries.describe(evidence)).contains("250 requests", "error rate 5.20% (threshold 1.00%)",
                "p95 85 ms (threshold 500 ms)", "soak");
    }
}
