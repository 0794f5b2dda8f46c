package io.switchback.deployer;

import io.switchback.events.BuildCompleted;
import io.switchback.events.DeploymentRetryRequested;
import io.switchback.events.DeploymentStable;
import io.switchback.events.PromotionApproved;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.Topic;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Hands builds, the releases that became stable upstream, and the commands of this environment to the intake; an
 * offset is committed once taken.
 */
class DeployerListeners {

    private final Intake intake;
    private final String environment;
    private final DeployerProperties properties;

    DeployerListeners(Intake intake, String environment, DeployerProperties properties) {
        this.intake = intake;
        this.environment = environment;
        this.properties = properties;
    }

    @KafkaListener(topics = Topic.Names.BUILDS)
    void onBuild(SwitchbackEvent event) {
        if (event instanceof BuildCompleted build) {
            intake.build(build);
        }
    }

    @KafkaListener(topics = Topic.Names.DEPLOYMENTS)
    void onDeployment(SwitchbackEvent event) {
        if (event instanceof DeploymentStable stable && properties.promotesFrom(stable.environment())) {
            intake.promote(stable);
        }
    }

    @KafkaListener(topics = Topic.Names.COMMANDS)
    void onCommand(SwitchbackEvent event) {
        if (!(event instanceof ReleaseEvent command) || !environment.equals(command.environment())) {
            return;
        }
        if (event instanceof DeploymentRetryRequested retry) {
            intake.retry(retry);
        } else if (event instanceof PromotionApproved approval) {
            intake.approve(approval);
        }
    }
}
