package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.HealthBreached;
import io.switchback.events.HealthCheck;
import io.switchback.events.HealthInconclusive;
import io.switchback.events.HealthRecovered;
import io.switchback.events.MetricSource;
import io.switchback.healthmonitor.CheckResult.Outcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerdictEventsTest {

    static final Instant AT = Instant.parse("2026-11-26T10:15:08Z");
    final WatchedRelease release = new WatchedReleaseTest().release;

    @Test
    void aBreachCarriesItsEvidence() {
        CheckResult result = new CheckResult(HealthCheck.ERROR_RATE, Outcome.FAIL, 0.05, 0.01, "ratio", 400, 50, "x");
        Verdict verdict = new Verdict(Verdict.Kind.BREACHED, result, 2, AT.minusSeconds(1), AT);

        HealthBreached event = (HealthBreached) VerdictEvents.of(verdict, release, "staging", Duration.ofSeconds(10),
                MetricSource.DIRECT_SCRAPE);

        assertThat(event).usingRecursiveComparison().ignoringFields("eventId").isEqualTo(new HealthBreached("ignored", AT,
                "staging", "checkout", "checkout-staging-2", release.color(), "r/checkout:2", HealthCheck.ERROR_RATE, 0.05,
                0.01, "ratio", 10_000, 400, 50, 2, AT.minusSeconds(1), MetricSource.DIRECT_SCRAPE, "x"));
        assertThat(event.key()).isEqualTo("staging/checkout");
        assertThat(event.eventId()).matches(io.switchback.events.FieldPatterns.ID);
    }

    @Test
    void aSequentialChecksVerdictReportsTheSpanOfItsEvidenceNotTheWindow() {
        CheckResult result = new CheckResult(HealthCheck.ERROR_RATE, Outcome.FAIL, 0.05, 0.01, "ratio", 400, 4, "x",
                new CheckResult.Evidence(AT.minusSeconds(7), Duration.ofMillis(8_000)));
        HealthBreached event = (HealthBreached) VerdictEvents.of(new Verdict(Verdict.Kind.BREACHED, result, 1,
                AT.minusSeconds(7), AT), release, "staging", Duration.ofSeconds(10), MetricSource.DIRECT_SCRAPE);

        assertThat(event.windowMs()).isEqualTo(8_000);
        assertThat(event.firstBadAt()).isEqualTo(AT.minusSeconds(7));
        assertThat(event.minimumSamples()).isEqualTo(4);

        CheckResult pass = new CheckResult(HealthCheck.ERROR_RATE, Outcome.PASS, 0.001, 0.01, "ratio", 3000, 4, "ok",
                new CheckResult.Evidence(AT.minusSeconds(59), Duration.ofSeconds(60)));
        HealthRecovered recovered = (HealthRecovered) VerdictEvents.of(new Verdict(Verdict.Kind.RECOVERED, pass, 0, null,
                AT), release, "staging", Duration.ofSeconds(10), MetricSource.DIRECT_SCRAPE);
        assertThat(recovered.windowMs()).isEqualTo(60_000);
        assertThat(recovered.sampleCount()).isEqualTo(3000);
    }

    @Test
    void aRecoveryAndAnInconclusiveVerdict() {
        CheckResult pass = new CheckResult(HealthCheck.P95_LATENCY, Outcome.PASS, 120, 500, "ms", 400, 50, "ok");
        HealthRecovered recovered = (HealthRecovered) VerdictEvents.of(new Verdict(Verdict.Kind.RECOVERED, pass, 0, null, AT),
                release, "staging", Duration.ofSeconds(10), MetricSource.DIRECT_SCRAPE);
        assertThat(recovered.observed()).isEqualTo(120);
        assertThat(recovered.check()).isEqualTo(HealthCheck.P95_LATENCY);
        assertThat(recovered.sampleCount()).isEqualTo(400);

        CheckResult none = CheckResult.inconclusive(HealthCheck.ERROR_RATE, 0.01, "ratio", 3, 50, "3 requests, 50 needed");
        HealthInconclusive inconclusive = (HealthInconclusive) VerdictEvents.of(
                new Verdict(Verdict.Kind.INCONCLUSIVE, none, 0, null, AT), release, "staging", Duration.ofSeconds(10),
                MetricSource.DIRECT_SCRAPE);
        assertThat(inconclusive.reason()).isEqualTo("3 requests, 50 needed");
        assertThat(inconclusive.sampleCount()).isEqualTo(3);
        assertThat(inconclusive.minimumSamples()).isEqualTo(50);
        assertThat(inconclusive.windowMs()).isEqualTo(10_000);
    }

    @Test
    void metricsReadThroughPrometheusSayHowOldTheyWere() {
        CheckResult result = new CheckResult(HealthCheck.ERROR_RATE, Outcome.FAIL, 0.05, 0.01, "ratio", 400, 50, "x");
        HealthBreached breached = (HealthBreached) VerdictEvents.of(new Verdict(Verdict.Kind.BREACHED, result, 2,
                AT.minusSeconds(1), AT), release, "staging", Duration.ofSeconds(10), MetricSource.PROMETHEUS,
                Duration.ofMillis(3_270));
        assertThat(breached.reason()).isEqualTo("x; metrics from Prometheus, 3.2 s old");
        assertThat(breached.metricSource()).isEqualTo(MetricSource.PROMETHEUS);

        CheckResult none = CheckResult.inconclusive(HealthCheck.ERROR_RATE, 0.01, "ratio", 3, 50, "3 requests, 50 needed");
        HealthInconclusive inconclusive = (HealthInconclusive) VerdictEvents.of(
                new Verdict(Verdict.Kind.INCONCLUSIVE, none, 0, null, AT), release, "staging", Duration.ofSeconds(10),
                MetricSource.PROMETHEUS, Duration.ofSeconds(15));
        assertThat(inconclusive.reason()).isEqualTo("3 requests, 50 needed; metrics from Prometheus, 15 s old");
    }
}
