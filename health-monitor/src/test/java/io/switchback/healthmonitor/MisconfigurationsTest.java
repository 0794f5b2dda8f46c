package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MisconfigurationsTest {

    static final Instant T = Instant.parse("2026-11-26T10:15:00Z");

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = T;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovingClock clock = new MovingClock();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Misconfigurations misconfigurations = new Misconfigurations(meters, clock, Duration.ofSeconds(1));

    @Test
    void theGaugeIsOneWhileTheLatestEvaluationFindsItAndClearsWhenFixedOrNoLongerWatched() {
        misconfigurations.observe("search", Set.of(Misconfiguration.HEALTH_PATH_NOT_FOUND));
        assertThat(gauge("search")).isEqualTo(1);

        clock.now = T.plusSeconds(1);
        misconfigurations.observe("search", Set.of());
        assertThat(gauge("search")).as("fixed").isZero();

        misconfigurations.observe("search", Set.of(Misconfiguration.HEALTH_PATH_NOT_FOUND));
        clock.now = T.plusSeconds(11);
        assertThat(gauge("search")).as("evaluated 10 s ago: the watch ended").isZero();
        assertThat(misconfigurations.current("search", Misconfiguration.METRICS_PATH_NOT_FOUND)).isFalse();
    }

    private double gauge(String service) {
        return meters.get("switchback.health.misconfigured").tag("service", service)
                .tag("reason", "health-path-not-found").gauge().value();
    }
}
