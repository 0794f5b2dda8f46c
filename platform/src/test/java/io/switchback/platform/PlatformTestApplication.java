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

    /** Records what it receives; a build of branch "poison" always fails. */
    @Component
    static class RecordingListener {

        final List<SwitchbackEvent> received = new CopyOnWriteArrayList<>();
        final List<String> poisonAttempts = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = Topic.Names.BUILDS)
        void on(SwitchbackEvent event) {
            if (event instanceof BuildCompleted build && build.branch().equals("poison")) {
                poisonAttempts.add(build.eventId());
                throw new IllegalStateException("cannot handle poison build " + build.eventId());
            }
            received.add(event);
        }
    }
}
