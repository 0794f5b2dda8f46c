package io.switchback.platform;

import io.switchback.events.BuildCompleted;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.Topic;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A minimal service on the platform: one listener on the builds topic. */
@SpringBootApplication
class PlatformTestApplication {

    /**
     * Records what it receives; a build of branch "poison" always fails; one of branch "outage" fails for a
     * passing reason five times, then succeeds.
     */
    @Component
    static class RecordingListener {

        final List<SwitchbackEvent> received = new CopyOnWriteArrayList<>();
        final List<String> poisonAttempts = new CopyOnWriteArrayList<>();
        final List<String> outageAttempts = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = Topic.Names.BUILDS)
        void on(SwitchbackEvent event) {
            if (event instanceof BuildCompleted build && build.branch().equals("poison")) {
                poisonAttempts.add(build.eventId());
                throw new IllegalStateException("cannot handle poison build " + build.eventId());
            }
            if (event instanceof BuildCompleted build && build.branch().equals("outage")
                    && outageAttempts.size() < 5) {
                outageAttempts.add(build.eventId());
                throw new TransientFailureException("the API server is down", null);
            }
            received.add(event);
        }
    }
}
