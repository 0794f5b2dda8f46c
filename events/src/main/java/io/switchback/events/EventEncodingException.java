package io.switchback.events;

import java.util.List;

/** An event about to be written breaks its own schema: a bug in the writer, caught before Kafka sees it. */
public class EventEncodingException extends IllegalArgumentException {

    private final List<String> violations;

    public EventEncodingException(EventType type, List<String> violations) {
        super(type.ceType() + " breaks its schema: " + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
