package io.switchback.events;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON Schemas of the contract (JSON Schema 2020-12, one per event type), loaded once. */
public final class EventSchemas {

    /** The fields every event has that its writer assigns, never its sender: checked by construction at the edge. */
    public static final List<String> ASSIGNED_FIELDS = List.of("eventId", "occurredAt");

    private static final SchemaRegistry REGISTRY = registry();
    private static final Map<EventType, Schema> SCHEMAS = load(false);
    private static final Map<EventType, Schema> SENDER_SCHEMAS = load(true);

    private EventSchemas() {
    }

    /** One broken rule: the field it concerns ({@code image}, {@code cause.summary}) and what is wrong. */
    public record Violation(String field, String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    /** Every rule the data breaks, each as {@code <json path>: <message>}; empty when valid. */
    public static List<String> violations(EventType type, JsonNode data) {
        return check(type, data).stream().map(Violation::toString).toList();
    }

    /** Every rule the data breaks, with the field each concerns; empty when valid. */
    public static List<Violation> check(EventType type, JsonNode data) {
        return violations(SCHEMAS.get(type), data);
    }

    /**
     * The fields a sender wrote, without the {@link #ASSIGNED_FIELDS} (which must be absent), checked against the
     * rest of the schema: the edge checks what it was sent, then adds an id ({@link java.util.UUID}) and a time
     * ({@link java.time.Instant}) whose text always matches the schema's pattern and {@code date-time} format.
     * Checking its own id and time again was about a third of the schema's cost per request (docs/decisions.md).
     */
    public static List<Violation> checkSent(EventType type, JsonNode fields) {
        for (String assigned : ASSIGNED_FIELDS) {
            if (fields.has(assigned)) {
                throw new IllegalArgumentException(assigned + " is assigned by the writer; remove it before checking");
            }
        }
        return violations(SENDER_SCHEMAS.get(type), fields);
    }

    private static List<Violation> violations(Schema schema, JsonNode data) {
        return schema.validate(data).stream()
                .map(error -> new Violation(field(error.getInstanceLocation().toString(), error.getProperty()),
                        error.toString()))
                .toList();
    }

    /** {@code /cause/summary} or {@code $.cause.summary} to {@code cause.summary}; a missing property is named by the rule. */
    private static String field(String instanceLocation, String property) {
        String path = instanceLocation.replace("$", "").replace('/', '.');
        path = path.startsWith(".") ? path.substring(1) : path;
        if (property != null && !property.isEmpty() && !path.endsWith(property)) {
            return path.isEmpty() ? property : path + "." + property;
        }
        return path.isEmpty() ? "(body)" : path;
    }

    private static SchemaRegistry registry() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
    }

    /** Every type's schema; {@code sent}: without the {@link #ASSIGNED_FIELDS}, neither described nor required. */
    private static Map<EventType, Schema> load(boolean sent) {
        Map<EventType, Schema> schemas = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            ObjectNode schema = read(type);
            if (sent) {
                ((ObjectNode) schema.get("properties")).remove(ASSIGNED_FIELDS);
                ArrayNode required = (ArrayNode) schema.get("required");
                for (int i = required.size() - 1; i >= 0; i--) {
                    if (ASSIGNED_FIELDS.contains(required.get(i).asString())) {
                        required.remove(i);
                    }
                }
            }
            schemas.put(type, REGISTRY.getSchema(schema));
        }
        return schemas;
    }

    private static ObjectNode read(EventType type) {
        try (InputStream in = EventSchemas.class.getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("no JSON Schema on the classpath at " + type.schemaResource());
            }
            return (ObjectNode) EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
