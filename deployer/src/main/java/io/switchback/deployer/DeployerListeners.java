package io.switchback.deployer;

import io.switchback.events.BuildCompleted;
import io.switchback.events.DeploymentRetryRequested;
import io.switchback.events.PromotionApproved;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.Topic;
import org.springframework.kafka.annotation.KafkaListener;

/** Hands builds, and the commands of this environment, to the intake; an offset is committed once taken. */
class DeployerListeners {

    private final Intake intake;
    private final String environment;

    DeployerListeners(Intake intake, String environment) {
        this.intake = intake;
        this.environment = environment;
    }

    @KafkaListener(topics = Topic.Names.BUILDS)
    void onBuild(SwitchbackEvent event) {
        if (event instanceof BuildCompleted build) {
            intake.build(build);
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
