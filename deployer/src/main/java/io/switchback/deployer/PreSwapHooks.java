package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.switchback.cluster.BlueGreenCluster;
import io.switchback.cluster.ConcurrentChangeException;
import io.switchback.cluster.HookJob;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.Rollout;
import io.switchback.events.HookOutcome;
import io.switchback.events.HookRun;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's pre-swap hook ({@link HookJob}): reads where it stands for a rollout, and starts its Job. Two reads
 * a pass while a rollout runs (the ConfigMap, the Job); nothing otherwise.
 */
class PreSwapHooks {

    private static final Logger LOG = LoggerFactory.getLogger(PreSwapHooks.class);

    private final BlueGreenCluster cluster;
    private final Duration deadline;

    PreSwapHooks(BlueGreenCluster cluster, Duration deadline) {
        this.cluster = cluster;
        this.deadline = deadline;
    }

    HookState state(String service, Rollout rollout, Instant now) {
        Job job = cluster.job(HookJob.name(service, HookJob.PRE_SWAP, rollout.deploymentId()));
        if (job != null) {
            Instant started = HookJob.startedAt(job, now);
            Instant until = started.plus(deadline);
            return HookJob.finished(job, until, now).<HookState>map(HookState.Finished::new)
                    .orElseGet(() -> new HookState.Running(job.getMetadata().getName(), started, until));
        }
        return cluster.hookTemplate(service, HookJob.PRE_SWAP).<HookState>map(HookState.NotStarted::new)
                .orElseGet(HookState.None::new);
    }

    /**
     * Creates the hook's Job for the rollout.
     *
     * @return the run, finished at once, when the template gives no Job
     */
    Optional<HookRun> start(String service, Rollout rollout, ReleaseRecord record, String template, Instant now) {
        HookJob.Rendered rendered = HookJob.preSwap(template, service, rollout, record.liveImage(),
                cluster.namespace(), now, deadline);
        if (rendered.job() == null) {
            return Optional.of(new HookRun(rendered.name(), now, now, HookOutcome.FAILED, rendered.problem()));
        }
        try {
            cluster.create(rendered.job());
            LOG.info("{}: pre-swap hook job {} started for {}", service, rendered.name(), rollout.deploymentId());
        } catch (ConcurrentChangeException e) {
            LOG.debug("{}: pre-swap hook job {} exists already", service, rendered.name());
        }
        return Optional.empty();
    }
}
