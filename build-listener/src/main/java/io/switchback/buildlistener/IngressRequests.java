package io.switchback.buildlistener;

import io.switchback.events.EventJson;
import io.switchback.events.EventSchemas;
import io.switchback.events.EventType;
import io.switchback.events.SwitchbackEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a request body into an event of the contract: the sender's fields plus the id and time the edge
 * assigns, validated against the event's JSON Schema. Pure: no I/O.
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
     * Adds the id and time the edge assigns to the request's own fields (which it changes), checks them against the
     * schema and reads the event.
     *
     * @throws InvalidRequestException naming the first bad field
     */
    SwitchbackEvent toEvent(EventType type, ObjectNode fields) {
        Instant now = clock.instant();
        fields.put("eventId", UUID.randomUUID().toString());
        fields.put("occurredAt", now.toString());
        List<EventSchemas.Violation> violations = EventSchemas.check(type, fields);
        if (!violations.isEmpty()) {
            EventSchemas.Violation first = violations.get(0);
            throw new InvalidRequestException(first.field(), first.message());
        }
        // the schema checked the time as the text the contract has; the record takes the instant it came from, not
        // parsed back from that text (a twentieth of a request's CPU)
        fields.putPOJO("occurredAt", now);
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
