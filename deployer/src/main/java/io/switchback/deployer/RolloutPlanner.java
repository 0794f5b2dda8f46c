package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.Service;
import io.switchback.cluster.BlueGreen;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.Rollout;
import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildConclusion;
import io.switchback.events.DeploymentRetryRequested;
import io.switchback.events.DeploymentStable;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.SwitchbackEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Decides, from a build or a command and the Service as it is now, what to do. Pure: the same input against
 * the same cluster gives the same intent, which is why a redelivered build changes nothing. Builds of a
 * service deploy in order (workflow run id, then attempt): one not newer than the last taken never deploys.
 */
final class RolloutPlanner {

    private final String environment;
    private final DeployerProperties properties;

    RolloutPlanner(String environment, DeployerProperties properties) {
        this.environment = environment;
        this.properties = properties;
    }

    Intent plan(BuildCompleted build, Service service, Instant now) {
        if (build.conclusion() != BuildConclusion.SUCCESS) {
            return new Intent.Ignore("the build concluded " + build.conclusion().wire());
        }
        if (!properties.branches().contains(build.branch())) {
            return new Intent.Ignore("branch " + build.branch() + " does not deploy to " + environment);
        }
        String deploymentId = deploymentId(build);
        Optional<String> stale = tooOld(build, properties.maxBuildAge(), now);
        if (stale.isPresent()) {
            return new Intent.Skip(stale.get() + "; ship it again", deploymentId);
        }
        Optional<ReleaseRecord> found = recordOf(service, build.service());
        if (found.isEmpty()) {
            return new Intent.Skip(whyNoRecord(service, build.service()), deploymentId);
        }
        ReleaseRecord record = found.get();
        if (deploymentId.equals(record.deploymentId())
                || record.rollout() != null && deploymentId.equals(record.rollout().deploymentId())) {
            return new Intent.Ignore("deployment " + deploymentId + " is already taken (a redelivery)");
        }
        if (record.buildOrder() != null && build.order().compareTo(record.buildOrder()) <= 0) {
            return new Intent.Skip("build of run " + build.workflowRunId() + " attempt " + build.order().runAttempt()
                    + " is not newer than run " + record.buildOrder().workflowRunId() + " attempt "
                    + record.buildOrder().runAttempt() + ", already taken", deploymentId);
        }
        Optional<Intent> busy = busy(record, now);
        if (busy.isPresent()) {
            return busy.get();
        }
        if (record.rollout() == null && build.image().equals(record.liveImage())) {
            return new Intent.Skip("image " + build.image() + " is already live", deploymentId);
        }
        return new Intent.Start(new Rollout(deploymentId, build.image(), build.commit(), build.eventId(),
                build.order(), record.liveColor().other(), now, now.plus(properties.progressDeadline()), null),
                record.rollout());
    }

    Intent plan(DeploymentRetryRequested retry, Service service, Instant now) {
        Optional<String> stale = tooOld(retry, properties.maxCommandAge(), now);
        if (stale.isPresent()) {
            return new Intent.Skip(stale.get() + "; ask again", retry.deploymentId());
        }
        Optional<ReleaseRecord> found = recordOf(service, retry.service());
        if (found.isEmpty()) {
            return new Intent.Skip(whyNoRecord(service, retry.service()), retry.deploymentId());
        }
        ReleaseRecord record = found.get();
        Rollout failed = record.lastFailed();
        if (failed == null || !failed.deploymentId().equals(retry.deploymentId())) {
            return new Intent.Skip("deployment " + retry.deploymentId() + " is not the last failed rollout of "
                    + retry.service() + (failed == null ? " (none failed since the last switch)"
                    : " (that is " + failed.deploymentId() + ")"), retry.deploymentId());
        }
        if (record.rollout() != null) {
            return new Intent.Skip("rollout " + record.rollout().deploymentId() + " is in progress",
                    retry.deploymentId());
        }
        if (record.buildOrder() != null && failed.buildOrder().compareTo(record.buildOrder()) < 0) {
            return new Intent.Skip("a newer build was taken since " + retry.deploymentId() + " failed",
                    retry.deploymentId());
        }
        Optional<Intent> busy = busy(record, now);
        if (busy.isPresent()) {
            return busy.get();
        }
        return new Intent.Start(new Rollout(retryId(failed, retry), failed.image(), failed.commit(),
                failed.buildEventId(), failed.buildOrder(), record.liveColor().other(), now,
                now.plus(properties.progressDeadline()), retry.eventId()), null);
    }

    /** Stable per environment and build, so a redelivered build names the same deployment. */
    String deploymentId(BuildCompleted build) {
        return idOf(build.service(), environment + "/" + build.eventId());
    }

    private String retryId(Rollout failed, DeploymentRetryRequested retry) {
        return idOf(retry.service(), environment + "/" + failed.buildEventId() + "/retry/" + retry.eventId());
    }

    String idOf(String service, String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return service + "-" + environment + "-" + HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<Intent> busy(ReleaseRecord record, Instant now) {
        if (record.rollback() != null) {
            return Optional.of(new Intent.Wait("rollback " + record.rollback().rollbackId() + " is in progress"));
        }
        if (record.lock() != null && record.lock().heldAt(now)) {
            return Optional.of(new Intent.Wait("the Service is locked by " + record.lock().holder()));
        }
        return Optional.empty();
    }

    /** Builds and promotions age by max-build-age, commands by max-command-age. */
    static Optional<String> tooOld(SwitchbackEvent event, Duration maxAge, Instant now) {
        String what = event instanceof DeploymentStable ? "became stable upstream"
                : event instanceof ReleaseEvent ? "was given" : "was built";
        String setting = event instanceof ReleaseEvent && !(event instanceof DeploymentStable) ? "command" : "build";
        return Duration.between(event.occurredAt(), now).compareTo(maxAge) > 0
                ? Optional.of("it " + what + " at " + event.occurredAt() + ", more than " + human(maxAge)
                        + " ago (switchback.deployer.max-" + setting + "-age)")
                : Optional.empty();
    }

    private static String human(Duration duration) {
        if (duration.toSeconds() % 3600 == 0) {
            return duration.toHours() + " h";
        }
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }

    static Optional<ReleaseRecord> recordOf(Service service, String name) {
        return BlueGreen.isManaged(service) ? ReleaseRecord.of(service) : Optional.empty();
    }

    String whyNoRecord(Service service, String name) {
        if (service == null) {
            return "no Service " + name + " in " + environment;
        }
        if (!BlueGreen.isManaged(service)) {
            return "Service " + name + " is not annotated " + BlueGreen.MANAGED + ": \"true\"";
        }
        return "Service " + name + " selects no blue or green colour";
    }
}
