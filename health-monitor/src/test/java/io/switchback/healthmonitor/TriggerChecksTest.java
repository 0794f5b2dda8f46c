package io.switchback.healthmonitor;

import static io.switchback.healthmonitor.CheckTrackerTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.HealthCheck;
import io.switchback.healthmonitor.CheckResult.Outcome;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** CircuitBreakerCheck and HealthEndpointCheck over hand-made evaluations (the share checks: ShareChecksTest). */
class TriggerChecksTest {

    @Test
    void aCircuitBreakerOpenOnAnyPodFails() {
        CircuitBreakerCheck breakers = new CircuitBreakerCheck();

        CheckResult open = breakers.evaluate(breakers(3, 1));
        assertThat(open.check()).isEqualTo(HealthCheck.CIRCUIT_BREAKER);
        assertThat(open.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(open.observed()).isEqualTo(1);
        assertThat(open.threshold()).isZero();
        assertThat(open.unit()).isEqualTo("count");
        assertThat(open.sampleCount()).isEqualTo(3);
        assertThat(open.reason()).isEqualTo("1 of 3 pods report an open circuit breaker");
        assertThat(breakers.evaluate(breakers(3, 0)).outcome()).isEqualTo(Outcome.PASS);

        CheckResult none = breakers.evaluate(breakers(0, 0));
        assertThat(none.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(none.minimumSamples()).isEqualTo(1);
        assertThat(none.reason()).isEqualTo("no ready pod of the live colour could be scraped");
    }

    @Test
    void anyPodDownFailsTheHealthEndpointCheckWithWhatIsDown() {
        HealthEndpointCheck health = new HealthEndpointCheck();

        CheckResult failing = health.evaluate(pods(new PodHealth(2, 3, "2 of 3 pods fail their health endpoint: a, b", "",
                false)));
        assertThat(failing.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(failing.check()).isEqualTo(HealthCheck.HEALTH_ENDPOINT);
        assertThat(failing.observed()).isEqualTo(2);
        assertThat(failing.threshold()).isZero();
        assertThat(failing.unit()).isEqualTo("count");
        assertThat(failing.sampleCount()).isEqualTo(3);
        assertThat(failing.minimumSamples()).isEqualTo(1);
        assertThat(failing.reason()).isEqualTo("2 of 3 pods fail their health endpoint: a, b");

        assertThat(health.evaluate(pods(new PodHealth(0, 3, "", "", false))).outcome()).isEqualTo(Outcome.PASS);
        CheckResult unjudged = health.evaluate(pods(new PodHealth(0, 0, "", "no pod of the live colour", false)));
        assertThat(unjudged.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(unjudged.reason()).isEqualTo("no pod of the live colour");
        CheckResult waiting = health.evaluate(pods(new PodHealth(0, 0, "", "2 of 2 pods not ready for 1 s", true)));
        assertThat(waiting.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(waiting.reason()).isEqualTo("2 of 2 pods not ready for 1 s");
    }


    static WindowStats breakers(int scraped, int breakerOpen) {
        return new WindowStats(T0, 0, 0, new TreeMap<>(), scraped, breakerOpen, PodHealth.NOT_JUDGED);
    }

    static WindowStats pods(PodHealth pods) {
        return new WindowStats(T0, 0, 0, new TreeMap<>(), 0, 0, pods);
    }
}
