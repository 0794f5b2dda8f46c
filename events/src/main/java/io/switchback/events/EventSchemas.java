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

/** The JSON Schemas of the contract (JSON Schema 2020-12, one per event type), loaded once. */
public final class EventSchemas {

    private static final Map<EventType, Schema> SCHEMAS = load();

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
        return SCHEMAS.get(type).validate(data).stream()
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

    private static Map<EventType, Schema> load() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        Map<EventType, Schema> schemas = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            try (InputStream in = EventSchemas.class.getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("no JSON Schema on the classpath at " + type.schemaResource());
                }
                schemas.put(type, registry.getSchema(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schemas;
    }
}
