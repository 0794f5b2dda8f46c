package io.switchback.mockapi;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The least a Job controller does, for the mock API server (which stores Jobs and runs nothing): a new Job
 * succeeds or fails after a while, as the tag of its first container's image says, like the sandbox's image-tag
 * faults. {@code …-hook-fails} fails (BackoffLimitExceeded), {@code …-hook-hangs} never ends (until its
 * {@code activeDeadlineSeconds}: DeadlineExceeded), {@code …-hook-<n>s} takes n seconds; anything else succeeds
 * after {@link #DEFAULT_RUN}.
 */
public final class SimulatedJobs implements AutoCloseable {

    public static final Duration DEFAULT_RUN = Duration.ofMillis(300);
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedJobs.class);
    private static final Pattern SECONDS = Pattern.compile("-hook-(\\d+)s$");

    private final KubernetesClient client;
    private final SharedIndexInformer<Job> informer;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "simulated-jobs");
        thread.setDaemon(true);
        return thread;
    });

    public SimulatedJobs(KubernetesClient client) {
        this.client = client;
        this.informer = client.batch().v1().jobs().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                run(job);
            }

            @Override
            public void onUpdate(Job before, Job after) {
            }

            @Override
            public void onDelete(Job job, boolean unknown) {
            }
        });
    }

    private void run(Job job) {
        if (job.getStatus() != null && job.getStatus().getStartTime() != null) {
            return;
        }
        Instant started = Instant.now();
        String image = job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        Long deadline = job.getSpec().getActiveDeadlineSeconds();
        Matcher seconds = SECONDS.matcher(image);
        Duration runs = image.endsWith("-hook-hangs") ? null
                : seconds.find() ? Duration.ofSeconds(Long.parseLong(seconds.group(1))) : DEFAULT_RUN;
        boolean timesOut = deadline != null && (runs == null || runs.toSeconds() > deadline);
        write(job, new JobStatusBuilder().withStartTime(started.toString()).withActive(1).build());
        if (timesOut) {
            timer.schedule(() -> end(job, started, "Failed", "DeadlineExceeded",
                    "Job was active longer than specified deadline"), deadline, TimeUnit.SECONDS);
        } else if (runs != null) {
            boolean fails = image.endsWith("-hook-fails");
            timer.schedule(() -> end(job, started, fails ? "Failed" : "Complete",
                    fails ? "BackoffLimitExceeded" : null, fails ? "Job has reached the specified backoff limit" : null),
                    runs.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void end(Job job, Instant started, String type, String reason, String message) {
        Instant at = Instant.now();
        JobCondition condition = new JobConditionBuilder().withType(type).withStatus("True").withReason(reason)
                .withMessage(message).withLastTransitionTime(at.toString()).build();
        JobStatusBuilder status = new JobStatusBuilder().withStartTime(started.toString()).withActive(0)
                .withConditions(condition);
        write(job, "Complete".equals(type) ? status.withSucceeded(1).withCompletionTime(at.toString()).build()
                : status.withFailed(1).build());
    }

    private void write(Job job, JobStatus status) {
        try {
            client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                    .editStatus(j -> {
                        j.setStatus(status);
                        return j;
                    });
        } catch (RuntimeException e) {
            LOG.debug("job {} not marked: {}", job.getMetadata().getName(), e.toString());
        }
    }

    @Override
    public void close() {
        informer.close();
        timer.shutdownNow();
    }
}
