package io.switchback.healthmonitor;

import io.switchback.events.HealthCheck;

/**
 * "Failed health checks": fails when any pod of the live colour is down, as {@link PodEvidence} judges it from
 * Kubernetes and from the pods' health endpoints. Observed is the number of pods down (desired pods missing
 * included); without a pod that answered or is down there is no verdict: pending while pods are inside their
 * grace, else inconclusive.
 */
public record HealthEndpointCheck() implements TriggerCheck {

    static final String UNIT = "count";

    @Override
    public HealthCheck check() {
        return HealthCheck.HEALTH_ENDPOINT;
    }

    @Override
    public CheckResult evaluate(WindowStats window) {
        PodHealth pods = window.pods();
        if (pods.podsJudged() == 0) {
            return pods.awaitingGrace() ? CheckResult.pending(check(), 0, UNIT, 1, pods.withoutVerdict())
                    : CheckResult.inconclusive(check(), 0, UNIT, 0, 1, pods.withoutVerdict());
        }
        return CheckResult.judged(check(), pods.podsDown() > 0, pods.podsDown(), 0, UNIT, pods.podsJudged(), 1,
                pods.findings());
    }
}
