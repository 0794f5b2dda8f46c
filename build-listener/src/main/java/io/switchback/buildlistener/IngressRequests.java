package io.switchback.buildlistener;

import io.switchback.events.EventJson;
import io.switchback.events.EventSchemas;
import io.switchback.events.EventType;
import io.switchback.events.SwitchbackEvent;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a request body into an event of the contract: the sender's fields, checked against the event's JSON Schema,
 * plus the id and time the edge assigns. Pure: no I/O.
 */
final class IngressRequests {

    private final Clock clock;
    /** One reader per event type, built once: a request then pays for reading, not for looking up how to read. */
    private final Map<EventType, ObjectReader> readers = new EnumMap<>(EventType.class);

    IngressRequests(Clock clock) {
        this.clock = clock;
        for (EventType type : EventType.values()) {
            readers.put(type, EventJson.mapper().readerFor(type.recordClass()));
        }
    }

    /** @throws InvalidRequestException when the body is not a JSON object */
    ObjectNode parse(byte[] body) {
        JsonNode tree;
        try {
            tree = EventJson.mapper().readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequestException("body", "not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object");
        }
        return (ObjectNode) tree;
    }

    /**
     * Checks the request's own fields (which it changes) against the schema, then adds the id and time the edge
     * assigns, replacing any the sender wrote, and reads the event.
     *
     * @throws InvalidRequestException naming the first bad field
     */
    SwitchbackEvent toEvent(EventType type, ObjectNode fields) {
        fields.remove(EventSchemas.ASSIGNED_FIELDS);
        List<EventSchemas.Violation> violations = EventSchemas.checkSent(type, fields);
        if (!violations.isEmpty()) {
            EventSchemas.Violation first = violations.get(0);
            throw new InvalidRequestException(first.field(), first.message());
        }
        fields.put("eventId", UUID.randomUUID().toString());
        // the record takes the instant, not a text parsed back (a twentieth of a request's CPU)
        fields.putPOJO("occurredAt", clock.instant());
        return readers.get(type).readValue(fields);
    }

    /** A request the contract refuses; {@link #field()} names what to fix. */
    static final class InvalidRequestException extends RuntimeException {
        private final String field;

        InvalidRequestException(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}
