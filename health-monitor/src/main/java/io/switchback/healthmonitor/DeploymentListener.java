package io.switchback.healthmonitor;

import io.switchback.cluster.ClusterProperties;
import io.switchback.events.DeploymentCanaryStarted;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentSuperseded;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.Topic;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Starts and stops watches from the deployer's events of this environment; the evaluation loop does the work. */
@Component
public class DeploymentListener {

    private final ReleaseWatches watches;
    private final String environment;

    public DeploymentListener(ReleaseWatches watches, ClusterProperties cluster) {
        this.watches = watches;
        this.environment = cluster.environment();
    }

    @KafkaListener(topics = Topic.Names.DEPLOYMENTS)
    public void on(SwitchbackEvent event) {
        if (!(event instanceof ReleaseEvent release) || !environment.equals(release.environment())) {
            return;
        }
        if (event instanceof DeploymentCanaryStarted canary) {
            watches.start(WatchedRelease.of(canary));
        } else if (event instanceof DeploymentTrafficSwitched switched) {
            watches.start(WatchedRelease.of(switched));
        } else if (event instanceof DeploymentStable stable) {
            watches.end(stable.service(), stable.deploymentId(), "stable after its soak");
        } else if (event instanceof DeploymentFailed failed) {
            watches.end(failed.service(), failed.deploymentId(), "deployment failed: " + failed.reason());
        } else if (event instanceof DeploymentSuperseded superseded) {
            watches.end(superseded.service(), superseded.deploymentId(),
                    "superseded by " + superseded.supersededBy());
        }
    }
}
