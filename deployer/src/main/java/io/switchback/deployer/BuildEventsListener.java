package io.switchback.deployer;

import io.switchback.events.BuildCompleted;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.Topic;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Hands builds to the rollouts; the offset is committed once the rollout is done (or refused). */
@Component
class BuildEventsListener {

    private final Rollouts rollouts;

    BuildEventsListener(Rollouts rollouts) {
        this.rollouts = rollouts;
    }

    @KafkaListener(topics = Topic.Names.BUILDS)
    void on(SwitchbackEvent event) {
        if (event instanceof BuildCompleted build) {
            rollouts.handle(build);
        }
    }
}
