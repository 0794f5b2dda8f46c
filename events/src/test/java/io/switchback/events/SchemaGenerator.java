package io.switchback.events;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Derives the JSON Schema of an event type from its record and the record's {@link Doc} annotations. */
final class SchemaGenerator {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SchemaGenerator() {
    }

    static ObjectNode schema(EventType type) {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", type.ceType());
        schema.put("x-topic", type.topic().topicName());
        schema.put("x-key", type.recordClass() == BuildCompleted.class ? "<service>" : "<environment>/<service>");
        schema.setAll(objectSchema(type.recordClass()));
        return schema;
    }

    private static ObjectNode objectSchema(Class<?> record) {
        ObjectNode schema = JSON.objectNode();
        schema.put("description", record.getAnnotation(Doc.class).value());
        schema.put("type", "object");
        // unknown fields are allowed and ignored: a writer may add an optional field within a version
        schema.put("additionalProperties", true);
        ArrayNode required = schema.putArray("required");
        ObjectNode properties = schema.putObject("properties");
        for (RecordComponent component : record.getRecordComponents()) {
            Doc doc = component.getAnnotation(Doc.class);
            if (doc == null) {
                throw new IllegalStateException(record.getSimpleName() + "." + component.getName() + " has no @Doc");
            }
            if (!doc.optional()) {
                required.add(component.getName());
            }
            properties.set(component.getName(), property(component.getType(), doc));
        }
        return schema;
    }

    private static JsonNode property(Class<?> type, Doc doc) {
        if (type.isRecord()) {
            ObjectNode object = objectSchema(type);
            object.put("description", doc.value());
            if (doc.optional()) {
                object.putArray("type").add("object").add("null");
            }
            return object;
        }
        ObjectNode property = JSON.objectNode();
        property.put("description", doc.value());
        scalar(property, type, doc);
        return property;
    }

    private static void scalar(ObjectNode property, Class<?> type, Doc doc) {
        String jsonType;
        if (type == String.class) {
            jsonType = "string";
            property.put("minLength", 1);
            if (!doc.pattern().isEmpty()) {
                property.put("pattern", doc.pattern());
            }
        } else if (type == Instant.class) {
            jsonType = "string";
            property.put("format", "date-time");
        } else if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            jsonType = "integer";
            property.put("minimum", 0);
        } else if (type == double.class || type == Double.class) {
            jsonType = "number";
            property.put("minimum", 0);
        } else if (type.isEnum() && WireValue.class.isAssignableFrom(type)) {
            jsonType = "string";
            ArrayNode values = property.putArray("enum");
            Arrays.stream(type.getEnumConstants()).map(c -> ((WireValue) c).wire()).forEach(values::add);
            if (doc.optional()) {
                values.addNull();
            }
        } else {
            throw new IllegalStateException("no JSON Schema mapping for " + type);
        }
        if (doc.optional()) {
            property.putArray("type").add(jsonType).add("null");
        } else {
            property.put("type", jsonType);
        }
    }
}
