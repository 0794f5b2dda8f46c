package io.switchback.healthmonitor;

import io.switchback.events.HealthCheck;

/** Fails when any scraped pod reports an open circuit breaker. Observed is the number of such pods. */
public record CircuitBreakerCheck() implements TriggerCheck {

    static final String UNIT = "count";

    @Override
    public HealthCheck check() {
        return HealthCheck.CIRCUIT_BREAKER;
    }

    @Override
    public CheckResult evaluate(WindowStats window) {
        int scraped = window.podsScraped();
        int open = window.podsBreakerOpen();
        if (scraped == 0) {
            return CheckResult.inconclusive(check(), 0, UNIT, 0, 1, "no ready pod of the live colour could be scraped");
        }
        return CheckResult.judged(check(), open > 0, open, 0, UNIT, scraped, 1,
                open + " of " + scraped + " pods report an open circuit breaker");
    }
}
