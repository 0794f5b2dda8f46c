package io.switchback.rollbackcontroller;

import io.switchback.events.HealthBreached;
import io.switchback.events.RollbackRequested;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.Topic;
import org.springframework.kafka.annotation.KafkaListener;

/** Hands breaches and rollback commands of its environment to the rollbacks; commits once handled. */
class RollbackTriggersListener {

    private final Rollbacks rollbacks;
    private final String environment;

    RollbackTriggersListener(Rollbacks rollbacks, String environment) {
        this.rollbacks = rollbacks;
        this.environment = environment;
    }

    @KafkaListener(topics = {Topic.Names.HEALTH, Topic.Names.COMMANDS})
    void on(SwitchbackEvent event) {
        if (event instanceof HealthBreached breach && breach.environment().equals(environment)) {
            rollbacks.handle(RollbackRequest.of(breach));
        } else if (event instanceof RollbackRequested request && request.environment().equals(environment)) {
            rollbacks.handle(RollbackRequest.of(request));
        }
    }
}
