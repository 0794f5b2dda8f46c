package io.switchback.cli;

import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentSkipped;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.RollbackStarted;
import io.switchback.events.SwitchbackEvent;
import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine.Parameters;

/**
 * A command about one release (approve, retry): done once the release took the traffic in every cluster of the
 * environment ({@code env.<environment>.clusters}, one without it); failed if it failed, was skipped or rolled back.
 */
abstract class ReleaseCommand extends SignedCommand {

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
    String service;

    @Parameters(index = "1", paramLabel = "DEPLOYMENT_ID",
            description = "The release (its deploymentId, as `status`, `history` and `watch` show it).")
    String deploymentId;

    private final Set<String> switched = new HashSet<>();
    private int clusters;
    /** The rollout that must take the traffic: the release approved, or the one a retry started (a new id). */
    private String following;

    /** The rollout followed from the start: the release itself, or null until the retry's rollout starts. */
    abstract String followedFromTheStart();

    @Override
    String service() {
        return service;
    }

    @Override
    public Integer call() {
        clusters = root.settings().clusters(root.environment(environmentOption, "the environment the command is for"))
                .size();
        following = followedFromTheStart();
        return super.call();
    }

    @Override
    Outcome judge(SwitchbackEvent event, String cluster, String commandId) {
        if (event instanceof DeploymentStarted s && commandId.equals(s.retryCommandId())) {
            following = s.deploymentId();
        }
        if (event instanceof DeploymentSkipped s && commandId.equals(s.causeEventId())
                || event instanceof DeploymentFailed f && f.deploymentId().equals(following)
                || event instanceof RollbackStarted r && r.deploymentId().equals(following)) {
            return Outcome.FAILED;
        }
        if (event instanceof DeploymentTrafficSwitched t && t.deploymentId().equals(following)) {
            switched.add(cluster == null ? "" : cluster);
            if (switched.size() >= clusters) {
                return Outcome.DONE;
            }
        }
        return Outcome.WAITING;
    }
}
