package io.switchback.events;

/** An event about one service in one environment, keyed {@code <environment>/<service>}. */
public sealed interface ReleaseEvent extends SwitchbackEvent
        permits RollbackRequested, PromotionApproved, DeploymentRetryRequested, VerificationRecorded,
                DeploymentStarted, DeploymentReady, DeploymentCanaryStarted, DeploymentHeld, DeploymentTrafficSwitched, DeploymentStable,
                DeploymentFailed, DeploymentSuperseded, DeploymentSkipped, DeploymentPromotionPending,
                HealthBreached, HealthRecovered, HealthInconclusive, HealthSoakPassed, HealthSoakHeld, HealthEvidence,
                RollbackStarted, RollbackCompleted, RollbackFailed, RollbackSkipped, RollbackHookFinished {

    String environment();

    String service();

    @Override
    default String key() {
        return EventKeys.release(environment(), service());
    }
}
