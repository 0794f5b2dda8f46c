package io.switchback.cluster;

import io.switchback.events.SwitchbackEvent;

/**
 * Told of every event a service published about a Service, once Kafka took it: what people see besides the topics
 * (Kubernetes Events, notifications). A listener must return at once and never throw: the work it describes is done.
 */
public interface PublishedEventListener {

    void published(SwitchbackEvent event);
}
