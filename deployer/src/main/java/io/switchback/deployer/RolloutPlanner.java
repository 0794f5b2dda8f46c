package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildConclusion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Decides, from a build and the cluster as it is now, whether to roll out. Pure: the same build against
 * the same cluster gives the same plan, which is why a redelivered build changes nothing.
 */
final class RolloutPlanner {

    private final String environment;
    private final List<String> branches;

    RolloutPlanner(String environment, List<String> branches) {
        this.environment = environment;
        this.branches = branches;
    }

    /**
     * @param service        the Service named after the build's service, or null
     * @param liveDeployment the Deployment of the colour the Service selects, or null
     */
    RolloutPlan plan(BuildCompleted build, Service service, Deployment liveDeployment) {
        if (build.conclusion() != BuildConclusion.SUCCESS) {
            return new RolloutPlan.Skip("the build concluded " + build.conclusion().wire());
        }
        if (!branches.contains(build.branch())) {
            return new RolloutPlan.Skip("branch " + build.branch() + " does not deploy to " + environment);
        }
        if (service == null) {
            return new RolloutPlan.Skip("no Service " + build.service() + " in this environment");
        }
        if (!ReleaseRecord.isManaged(service)) {
            return new RolloutPlan.Skip("Service " + build.service() + " is not annotated "
                    + ReleaseRecord.MANAGED + ": \"true\"");
        }
        Optional<ReleaseRecord> live = ReleaseRecord.of(service);
        if (live.isEmpty()) {
            return new RolloutPlan.Skip("Service " + build.service() + " selects no blue or green colour");
        }
        String deploymentId = deploymentId(build);
        if (deploymentId.equals(live.get().deploymentId())) {
            return new RolloutPlan.Skip("deployment " + deploymentId + " is already live");
        }
        if (liveDeployment == null) {
            return new RolloutPlan.Skip("the live Deployment " + build.service() + "-" + live.get().liveColor().wire()
                    + " does not exist");
        }
        RolloutPlan.Rollout rollout = new RolloutPlan.Rollout(deploymentId, build, service, live.get(), liveDeployment);
        if (build.image().equals(rollout.liveImage())) {
            return new RolloutPlan.Skip("image " + build.image() + " is already live");
        }
        return rollout;
    }

    /** Stable per environment and build, so a redelivered build names the same deployment. */
    String deploymentId(BuildCompleted build) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((environment + "/" + build.eventId()).getBytes(StandardCharsets.UTF_8));
            return build.service() + "-" + environment + "-" + HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
