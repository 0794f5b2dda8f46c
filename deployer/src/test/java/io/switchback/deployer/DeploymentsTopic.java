package io.switchback.deployer;

import static org.awaitility.Awaitility.await;

import io.switchback.events.ReleaseEvent;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.SwitchbackEventDeserializer;
import io.switchback.events.Topic;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.TopicReader;
import java.time.Duration;
import java.util.List;

/** The deployer's events about one service of one environment, read back from {@code switchback.deployments}. */
record DeploymentsTopic(KafkaBroker broker, String environment) {

    static final Duration WAIT = Duration.ofSeconds(30);

    /** The events about {@code svc} so far, in order. */
    List<ReleaseEvent> events(String svc) {
        return read(svc, 0, Duration.ofSeconds(10));
    }

    /** At least {@code expected} events about {@code svc}, waiting for them. */
    List<ReleaseEvent> awaitEvents(String svc, int expected) {
        return read(svc, expected, WAIT);
    }

    /** The events of {@code type} about {@code svc}, once there are at least {@code expected}. */
    <T extends ReleaseEvent> List<T> awaitType(String svc, Class<T> type, int expected) {
        await().atMost(WAIT).until(() -> events(svc).stream().filter(type::isInstance).count() >= expected);
        return events(svc).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private List<ReleaseEvent> read(String svc, int expected, Duration timeout) {
        return TopicReader.read(broker, Topic.DEPLOYMENTS.topicName(), new SwitchbackEventDeserializer(),
                (SwitchbackEvent e) -> e instanceof ReleaseEvent r && r.service().equals(svc)
                        && r.environment().equals(environment), expected, timeout)
                .stream().map(ReleaseEvent.class::cast).toList();
    }
}
