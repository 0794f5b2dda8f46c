package io.switchback.cluster;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.switchback.events.HookOutcome;
import io.switchback.events.HookRun;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A hook: a Job a team ships as a template beside its Service, run by Switchback at a point of a release (before the
 * swap: a migration, integration tests; after a rollback: a database rollback). The templates are the keys of the
 * ConfigMap {@code <service>-switchback-hooks} ({@code pre-swap}, {@code rollback}), each a Job manifest in YAML
 * whose {@code ${...}} values are replaced. The Job's name is derived from the release (or the rollback), so that a
 * restarted service finds the one it started; the Job is the record of the run. Pure: it renders and reads, the
 * caller writes.
 */
public final class HookJob {

    public static final String CONFIG_MAP_SUFFIX = "-switchback-hooks";
    public static final String PRE_SWAP = "pre-swap";
    public static final String ROLLBACK = "rollback";
    public static final String HOOK_LABEL = BlueGreen.PREFIX + "hook";
    public static final String ROLLBACK_ID = BlueGreen.PREFIX + "rollback-id";
    /** On a rollback hook's Job once its end was published. */
    public static final String REPORTED = BlueGreen.PREFIX + "reported";
    static final String STARTED_AT = BlueGreen.PREFIX + "started-at";
    /** Finished Jobs are left to Kubernetes to delete a day later, unless the template says otherwise. */
    static final int TTL_AFTER_FINISHED_SECONDS = 86_400;
    private static final int NAME_LENGTH = 63;
    private static final int HASH_LENGTH = 8;

    private HookJob() {
    }

    /** The ConfigMap that holds a service's hook templates. */
    public static String configMapName(String service) {
        return service + CONFIG_MAP_SUFFIX;
    }

    /** The Job a hook runs for a release: {@code <service>-<hook>-<hash of the release>}, at most 63 characters. */
    public static String name(String service, String hook, String deploymentId) {
        String suffix = "-" + hook + "-" + hash(deploymentId);
        String prefix = service.substring(0, Math.min(service.length(), NAME_LENGTH - suffix.length()));
        return prefix.replaceAll("-+$", "") + suffix;
    }

    /** The pre-swap hook's Job for a rollout: {@code ${IMAGE}} is the new release's, {@code ${PREVIOUS_IMAGE}} the live one's. */
    public static Rendered preSwap(String template, String service, Rollout rollout, String previousImage,
            String namespace, Instant at, Duration deadline) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("${IMAGE}", rollout.image());
        values.put("${PREVIOUS_IMAGE}", previousImage == null ? "" : previousImage);
        values.put("${DEPLOYMENT_ID}", rollout.deploymentId());
        values.put("${SERVICE}", service);
        return render(template, service, PRE_SWAP, rollout.deploymentId(), values,
                Map.of(BlueGreen.DEPLOYMENT_ID, rollout.deploymentId()), namespace, at, deadline);
    }

    /**
     * The rollback hook's Job for a rollback (a database rollback), after traffic is back: {@code ${IMAGE}} is the
     * restored release's image, {@code ${ROLLED_BACK_IMAGE}} the one it replaced, {@code ${DEPLOYMENT_ID}} the
     * release rolled back.
     */
    public static Rendered rollback(String template, String service, String rollbackId, String deploymentId,
            String restoredImage, String rolledBackImage, String namespace, Instant at, Duration deadline) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("${IMAGE}", restoredImage == null ? "" : restoredImage);
        values.put("${ROLLED_BACK_IMAGE}", rolledBackImage == null ? "" : rolledBackImage);
        values.put("${DEPLOYMENT_ID}", deploymentId);
        values.put("${ROLLBACK_ID}", rollbackId);
        values.put("${SERVICE}", service);
        return render(template, service, ROLLBACK, rollbackId, values,
                Map.of(BlueGreen.DEPLOYMENT_ID, deploymentId, ROLLBACK_ID, rollbackId), namespace, at, deadline);
    }

    /**
     * The Job to create from a template, or why there is none.
     *
     * @param runId    what the Job runs for (a release, a rollback): its name derives from it
     * @param deadline the longest the Job may run; its {@code activeDeadlineSeconds}, unless the template sets less
     */
    private static Rendered render(String template, String service, String hook, String runId,
            Map<String, String> values, Map<String, String> annotations, String namespace, Instant at,
            Duration deadline) {
        String name = name(service, hook, runId);
        String text = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace(value.getKey(), value.getValue());
        }
        Job job;
        try {
            job = Serialization.unmarshal(text, Job.class);
        } catch (RuntimeException e) {
            return new Rendered(name, null, "the " + hook + " template in ConfigMap " + configMapName(service)
                    + " is not a Job manifest: " + firstLine(e.getMessage()));
        }
        if (job == null || job.getSpec() == null || job.getSpec().getTemplate() == null) {
            return new Rendered(name, null, "the " + hook + " template in ConfigMap " + configMapName(service)
                    + " has no spec.template: it is not a Job manifest");
        }
        if (job.getMetadata() == null) {
            job.setMetadata(new ObjectMeta());
        }
        job.getMetadata().setName(name);
        job.getMetadata().setNamespace(namespace);
        job.getMetadata().setLabels(new LinkedHashMap<>(Optional.ofNullable(job.getMetadata().getLabels()).orElse(Map.of())));
        job.getMetadata().getLabels().putAll(Map.of(BlueGreen.APP_LABEL, service, HOOK_LABEL, hook));
        job.getMetadata().setAnnotations(new LinkedHashMap<>(
                Optional.ofNullable(job.getMetadata().getAnnotations()).orElse(Map.of())));
        job.getMetadata().getAnnotations().putAll(annotations);
        job.getMetadata().getAnnotations().put(STARTED_AT, at.toString());
        Long own = job.getSpec().getActiveDeadlineSeconds();
        job.getSpec().setActiveDeadlineSeconds(own == null ? deadline.toSeconds() : Math.min(own, deadline.toSeconds()));
        if (job.getSpec().getTtlSecondsAfterFinished() == null) {
            job.getSpec().setTtlSecondsAfterFinished(TTL_AFTER_FINISHED_SECONDS);
        }
        return new Rendered(name, job, null);
    }

    /** A rendered Job, or, when {@code job} is null, why the template gave none. */
    public record Rendered(String name, Job job, String problem) {
    }

    /** When Switchback created the Job (its annotation), else its creation time, else {@code fallback}. */
    public static Instant startedAt(Job job, Instant fallback) {
        String started = job.getMetadata().getAnnotations() == null ? null
                : job.getMetadata().getAnnotations().get(STARTED_AT);
        try {
            return started != null ? Instant.parse(started) : job.getMetadata().getCreationTimestamp() != null
                    ? Instant.parse(job.getMetadata().getCreationTimestamp()) : fallback;
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    /**
     * How the Job ended, if it did: succeeded or failed by its conditions (Kubernetes' own deadline is a failure
     * with reason {@code DeadlineExceeded}), or timed out when it still runs at {@code deadline}.
     */
    public static Optional<HookRun> finished(Job job, Instant deadline, Instant now) {
        String name = job.getMetadata().getName();
        Instant started = startedAt(job, now);
        Optional<JobCondition> failed = condition(job, "Failed");
        if (failed.isPresent()) {
            String reason = failed.get().getReason() + ": " + failed.get().getMessage();
            return Optional.of(new HookRun(name, started, time(failed.get().getLastTransitionTime(), now),
                    "DeadlineExceeded".equals(failed.get().getReason()) ? HookOutcome.TIMED_OUT : HookOutcome.FAILED,
                    reason));
        }
        Optional<JobCondition> complete = condition(job, "Complete");
        if (complete.isPresent()) {
            Instant finished = job.getStatus().getCompletionTime() != null
                    ? time(job.getStatus().getCompletionTime(), now) : time(complete.get().getLastTransitionTime(), now);
            return Optional.of(new HookRun(name, started, finished, HookOutcome.SUCCEEDED, null));
        }
        if (!now.isBefore(deadline)) {
            return Optional.of(new HookRun(name, started, now, HookOutcome.TIMED_OUT, "not finished within "
                    + Duration.between(started, deadline).toSeconds() + " s"));
        }
        return Optional.empty();
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private static Instant time(String text, Instant fallback) {
        try {
            return text == null ? fallback : Instant.parse(text);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static String hash(String deploymentId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(deploymentId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }
}
