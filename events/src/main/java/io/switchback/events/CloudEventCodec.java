package io.switchback.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Maps events to CloudEvents 1.0 and back. The record's JSON is the {@code data}; {@code id}, {@code time},
 * {@code type}, {@code source} and {@code subject} (the record key) are attributes. Both directions check
 * the data against the type's JSON Schema ({@link #encodeChecked} is for a writer that checked it itself).
 */
public final class CloudEventCodec {

    public static final String DATA_CONTENT_TYPE = "application/json";
    /**
     * The extension attribute naming the cluster whose instance wrote the event, in an environment of several
     * clusters; absent otherwise. Set by the writer as a record header, it is not part of the {@code data}.
     */
    public static final String CLUSTER_EXTENSION = "cluster";
    /** The Kafka header of {@link #CLUSTER_EXTENSION} in binary mode. */
    public static final String CLUSTER_HEADER = "ce_" + CLUSTER_EXTENSION;
    /**
     * The extension attribute naming the HTTP delivery an edge event came from, as {@code <credential> <delivery id>}
     * (e.g. {@code acme/checkout 6f1c...}): how every build-listener replica knows a delivery was accepted. Set only
     * by the build-listener, as a record header; not part of the {@code data}.
     */
    public static final String DELIVERY_EXTENSION = "delivery";
    /** The Kafka header of {@link #DELIVERY_EXTENSION} in binary mode. */
    public static final String DELIVERY_HEADER = "ce_" + DELIVERY_EXTENSION;

    private CloudEventCodec() {
    }

    /** @throws EventEncodingException when the event's data breaks its schema */
    public static CloudEvent encode(SwitchbackEvent event) {
        EventType type = event.type();
        JsonNode data = EventJson.toTree(event);
        List<String> violations = EventSchemas.violations(type, data);
        if (!violations.isEmpty()) {
            throw new EventEncodingException(type, violations);
        }
        return cloudEvent(event, data);
    }

    /**
     * As {@link #encode}, for an event read from data its writer checked against the schema already: the
     * build-listener checks every request's fields before the event exists, adds an id and a time whose text always
     * matches ({@link EventSchemas#checkSent}), and reads the event from exactly those fields. Checking its data again
     * cost the edge about 4% of its request threads' CPU, for nothing (docs/benchmarks.md).
     */
    public static CloudEvent encodeChecked(SwitchbackEvent event) {
        return cloudEvent(event, EventJson.toTree(event));
    }

    private static CloudEvent cloudEvent(SwitchbackEvent event, JsonNode data) {
        EventType type = event.type();
        return CloudEventBuilder.v1()
                .withId(event.eventId())
                .withSource(URI.create(type.source()))
                .withType(type.ceType())
                .withSubject(event.key())
                .withTime(event.occurredAt().atOffset(ZoneOffset.UTC))
                .withDataContentType(DATA_CONTENT_TYPE)
                .withData(EventJson.mapper().writeValueAsBytes(data))
                .build();
    }

    /** @throws EventDecodingException when the type is unknown, the data is not JSON or breaks the schema */
    public static SwitchbackEvent decode(CloudEvent cloudEvent) {
        EventType type = EventType.fromCeType(cloudEvent.getType()).orElseThrow(() -> new EventDecodingException(
                EventDecodingException.Reason.UNKNOWN_TYPE,
                "no event type '" + cloudEvent.getType() + "' in the Switchback contract", null));
        CloudEventData data = cloudEvent.getData();
        if (data == null) {
            throw new EventDecodingException(EventDecodingException.Reason.MALFORMED_JSON,
                    type.ceType() + " has no data", null);
        }
        JsonNode tree = parse(type, data.toBytes());
        List<String> violations = EventSchemas.violations(type, tree);
        if (!violations.isEmpty()) {
            throw new EventDecodingException(EventDecodingException.Reason.SCHEMA_VIOLATION,
                    type.ceType() + " breaks its schema: " + String.join("; ", violations), violations, null);
        }
        try {
            return EventJson.mapper().treeToValue(tree, type.recordClass());
        } catch (JacksonException e) {
            throw new EventDecodingException(EventDecodingException.Reason.SCHEMA_VIOLATION,
                    type.ceType() + " does not map to its record: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode parse(EventType type, byte[] bytes) {
        try {
            JsonNode tree = EventJson.mapper().readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                throw new EventDecodingException(EventDecodingException.Reason.MALFORMED_JSON,
                        type.ceType() + " has empty data", null);
            }
            return tree;
        } catch (JacksonException e) {
            throw new EventDecodingException(EventDecodingException.Reason.MALFORMED_JSON,
                    type.ceType() + " data is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
