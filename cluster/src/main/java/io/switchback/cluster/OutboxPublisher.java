package io.switchback.cluster;

import io.fabric8.kubernetes.api.model.Service;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.Topic;
import io.switchback.platform.EventPublisher;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Publishes the events a service recorded in a Service's outbox with the change they describe, then
 * removes them: the change and its event cannot part, whatever dies in between. Each service publishes only
 * the entries of the topic it writes (one writer per topic); a crash after publishing and before removing
 * publishes the same event (same id) again, which readers recognise by its id.
 */
public class OutboxPublisher {

    private static final int ATTEMPTS_ON_CONCURRENT_CHANGE = 5;

    private final BlueGreenCluster cluster;
    private final EventPublisher events;
    private final Topic topic;
    private final List<PublishedEventListener> listeners;

    /** Telling no one else: for tests of the outbox alone. */
    public OutboxPublisher(BlueGreenCluster cluster, EventPublisher events, Topic topic) {
        this(cluster, events, topic, List.of());
    }

    /** @param listeners told of each event once Kafka took it (Kubernetes Events, notifications) */
    public OutboxPublisher(BlueGreenCluster cluster, EventPublisher events, Topic topic,
            List<PublishedEventListener> listeners) {
        this.cluster = cluster;
        this.events = events;
        this.topic = topic;
        this.listeners = List.copyOf(listeners);
    }

    /** Publishes an event that accompanies no change of the record (a hold), and tells the listeners as for the outbox's. */
    public void publishNow(SwitchbackEvent event) {
        events.publish(event);
        told(event);
    }

    /** Whether the Service's record holds entries this publisher writes. */
    public boolean hasEntries(Service service) {
        return ReleaseRecord.of(service).map(r -> !mine(r).isEmpty()).orElse(false);
    }

    /**
     * Publishes this topic's entries of {@code observed} (each acknowledged by Kafka, in order) and removes
     * them from the record.
     *
     * @return the Service after the removal, or {@code observed} when there was nothing to publish
     * @throws io.switchback.platform.EventPublisher.EventNotAcknowledgedException when Kafka did not take one;
     *         the entries stay for the next attempt
     */
    public Service flush(Service observed) {
        ReleaseRecord record = ReleaseRecord.of(observed).orElse(null);
        List<SwitchbackEvent> mine = record == null ? List.of() : mine(record);
        if (mine.isEmpty()) {
            return observed;
        }
        mine.forEach(events::publish);
        mine.forEach(this::told);
        Set<String> published = mine.stream().map(SwitchbackEvent::eventId).collect(Collectors.toSet());
        Service current = observed;
        for (int attempt = 1; ; attempt++) {
            ReleaseRecord now = ReleaseRecord.of(current).orElseThrow();
            List<SwitchbackEvent> left = now.outbox().stream().filter(e -> !published.contains(e.eventId())).toList();
            if (left.size() == now.outbox().size()) {
                return current;
            }
            try {
                return cluster.writeRecord(current, now.toBuilder().outbox(left).build());
            } catch (ConcurrentChangeException e) {
                if (attempt == ATTEMPTS_ON_CONCURRENT_CHANGE) {
                    throw e;
                }
                current = cluster.service(observed.getMetadata().getName());
                if (current == null || ReleaseRecord.of(current).isEmpty()) {
                    return current;
                }
            }
        }
    }

    private void told(SwitchbackEvent event) {
        listeners.forEach(listener -> listener.published(event));
    }

    private List<SwitchbackEvent> mine(ReleaseRecord record) {
        return record.outbox().stream().filter(e -> e.type().topic() == topic).toList();
    }
}
