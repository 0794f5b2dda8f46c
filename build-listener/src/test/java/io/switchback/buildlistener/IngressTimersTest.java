package io.switchback.buildlistener;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngressTimersTest {

    @Test
    void eachRequestIsTimedUnderSpringsNameAndTags() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IngressTimers timers = new IngressTimers(registry);

        timers.record("POST", "/v1/builds", 202, null, Duration.ofMillis(12).toNanos());
        timers.record("POST", "/v1/builds", 202, null, Duration.ofMillis(8).toNanos());
        timers.record("POST", IngressTimers.unmatched(404), 404, null, Duration.ofMillis(1).toNanos());
        timers.record("POST", "/v1/builds", 500, new IllegalStateException("boom"), Duration.ofMillis(3).toNanos());

        Timer accepted = registry.get("http.server.requests").tags("error", "none", "exception", "none", "method",
                "POST", "outcome", "SUCCESS", "status", "202", "uri", "/v1/builds").timer();
        assertThat(accepted.count()).isEqualTo(2);
        assertThat(accepted.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(20.0);
        assertThat(registry.get("http.server.requests").tags("uri", "NOT_FOUND", "outcome", "CLIENT_ERROR").timer()
                .count()).isEqualTo(1);
        assertThat(registry.get("http.server.requests").tags("status", "500", "outcome", "SERVER_ERROR", "error",
                "IllegalStateException", "exception", "IllegalStateException").timer().count()).isEqualTo(1);
    }
}
