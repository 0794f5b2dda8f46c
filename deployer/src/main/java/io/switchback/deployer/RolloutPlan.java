package io.switchback.deployer;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.BuildCompleted;
import io.switchback.events.Color;

/** What the deployer will do with a build: nothing (and why), or a rollout to the idle colour. */
sealed interface RolloutPlan {

    /** Nothing to do; the reason is logged. */
    record Skip(String reason) implements RolloutPlan {
    }

    /** Roll {@code build.image()} out to the idle colour of {@code service}, then switch traffic to it. */
    record Rollout(String deploymentId, BuildCompleted build, Service service, ReleaseRecord live,
            Deployment liveDeployment) implements RolloutPlan {

        Color idleColor() {
            return live.liveColor().other();
        }

        String idleDeploymentName() {
            return build.service() + "-" + idleColor().wire();
        }

        String liveImage() {
            return liveDeployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        }
    }
}
