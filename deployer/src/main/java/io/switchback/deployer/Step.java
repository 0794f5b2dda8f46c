package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.switchback.cluster.Rollout;
import io.switchback.events.DeploymentStage;
import io.switchback.events.HookRun;
import java.time.Instant;
import java.util.List;

/** The one thing to do next for a Service, decided by {@link ReleaseSteps} from the cluster as it is. */
sealed interface Step {

    /** Someone else is at work on the Service (a rollback, another deployer's lock): look again later. */
    record Wait(String why) implements Step {
    }

    /** Put the rollout's pod template on the idle colour (create it, or replace what it runs). */
    record Apply(Rollout rollout, Deployment desired) implements Step {
    }

    /** The idle colour is rolling out; its readiness will wake the deployer up. */
    record AwaitReady(Rollout rollout) implements Step {
    }

    /**
     * The idle colour is ready; traffic switches here once other clusters of the environment did their part (the
     * lead switched, the followers reported ready), until {@code deadline}.
     */
    record AwaitCluster(Rollout rollout, Deployment ready, List<String> clusters, String reason, Instant deadline)
            implements Step {
    }

    /** The idle colour is ready with its canary's few pods (and its pre-swap hook passed): both colours serve. */
    record StartCanary(Rollout rollout, Deployment ready) implements Step {
    }

    /** The canary serves beside the live colour until {@code endsAt}; a breach of it fails the rollout. */
    record AwaitCanary(Rollout rollout, Instant endsAt) implements Step {
    }

    /**
     * The canary's time is up, and this cluster's health monitor has not passed it: it serves on, judged, until it
     * does; never a swap on silence.
     */
    record AwaitCanaryVerdict(Rollout rollout, Instant endedAt) implements Step {
    }

    /** The canary passed its time and serves on, judged, until an approval lets the swap go. */
    record AwaitApproval(Rollout rollout) implements Step {
    }

    /** The idle colour is ready and the service has a pre-swap hook: start its Job from the template. */
    record StartHook(Rollout rollout, Deployment ready, String template) implements Step {
    }

    /** The pre-swap hook's Job runs; its end (or its deadline) decides. */
    record AwaitHook(Rollout rollout, String job, Instant deadline) implements Step {
    }

    /**
     * The idle colour is ready (and its pre-swap hook succeeded): announce it, run the pre-switch checks, switch.
     *
     * @param hook the pre-swap hook's run, or null without one
     */
    record CheckAndSwitch(Rollout rollout, Deployment ready, HookRun hook) implements Step {
    }

    /**
     * The rollout failed; traffic stays, the idle colour is scaled down if it runs this rollout.
     *
     * @param hook the pre-swap hook's run when the rollout failed at it, else null
     */
    record Fail(Rollout rollout, DeploymentStage stage, String reason, boolean scaleDown, HookRun hook)
            implements Step {

        Fail(Rollout rollout, DeploymentStage stage, String reason, boolean scaleDown) {
            this(rollout, stage, reason, scaleDown, null);
        }
    }

    /** The live release's rollback window ended and its soak passed: stable, previous colour scaled down. */
    record EndSoak() implements Step {
    }

    /** The live release's rollback window ended without a passing soak verdict: it stays soaking until it has one. */
    record HoldSoak(String why) implements Step {
    }

    /** The idle colour runs pods nobody needs (a failed rollout, a previous release after its soak). */
    record ScaleDownIdle(Deployment idle, String why) implements Step {
    }

    /** Nothing to do. */
    record Idle() implements Step {
    }
}
