package io.switchback.healthmonitor;

import io.switchback.events.HealthCheck;

/**
 * Fails when any pod is in a bad state: an open circuit breaker ({@link HealthCheck#CIRCUIT_BREAKER}) or a
 * health endpoint answering other than 2xx ({@link HealthCheck#HEALTH_ENDPOINT}). Observed is the number
 * of such pods; at least one pod must have answered.
 */
public record PodStateCheck(HealthCheck check) implements TriggerCheck {

    static final String UNIT = "count";

    public PodStateCheck {
        if (check != HealthCheck.CIRCUIT_BREAKER && check != HealthCheck.HEALTH_ENDPOINT) {
            throw new IllegalArgumentException("a pod state check is about breakers or health, not " + check);
        }
    }

    @Override
    public CheckResult evaluate(WindowStats window) {
        boolean breakers = check == HealthCheck.CIRCUIT_BREAKER;
        int answered = breakers ? window.podsScraped() : window.podsProbed();
        int bad = breakers ? window.podsBreakerOpen() : window.podsUnhealthy();
        if (answered == 0) {
            return CheckResult.inconclusive(check, 0, UNIT, 0, 1, breakers
                    ? "no ready pod of the live colour could be scraped"
                    : "no ready pod of the live colour answered its health endpoint");
        }
        return CheckResult.judged(check, bad > 0, bad, 0, UNIT, answered, 1, bad + " of " + answered
                + (breakers ? " pods report an open circuit breaker" : " pods fail their health endpoint"));
    }
}
