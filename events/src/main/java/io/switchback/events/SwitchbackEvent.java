package io.switchback.events;

import java.time.Instant;

/**
 * Every event of the contract. The record's components are the CloudEvents {@code data}; its
 * {@link #eventId()} and {@link #occurredAt()} are also the CloudEvents {@code id} and {@code time}.
 */
public sealed interface SwitchbackEvent permits BuildCompleted, ReleaseEvent {

    String eventId();

    Instant occurredAt();

    /** The Kafka record key, which is also the CloudEvents {@code subject}. */
    String key();

    default EventType type() {
        return EventType.of(getClass());
    }
}
