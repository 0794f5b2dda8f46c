package io.switchback.events;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Renders {@code docs/events.md} from the JSON Schemas and one example per type. */
final class CatalogueRenderer {

    private CatalogueRenderer() {
    }

    static String render(Function<EventType, JsonNode> schemas, Map<EventType, SwitchbackEvent> examples) {
        StringBuilder md = new StringBuilder();
        md.append("""
                # Event catalogue

                <!-- Generated from the JSON Schemas in events/src/main/resources/io/switchback/events/schemas.
                     Do not edit by hand: run
                     ./mvnw -pl events test -Dtest=ContractArtifactsTest -Dswitchback.regenerate=true -->

                Everything Switchback does is an event on a Kafka topic. This page is what you need to subscribe:
                the topics, their keys, every event type with its fields, and an example of each.

                ## How events travel

                - **CloudEvents 1.0 in Kafka binary mode.** Attributes are record headers: `ce_specversion` (`1.0`),
                  `ce_id`, `ce_source` (the writing service, e.g. `/switchback/deployer`), `ce_type` (below),
                  `ce_subject` (the record key), `ce_time`, and `content-type: application/json`. The record value is
                  the event's JSON `data`, so `kcat` and any CloudEvents SDK read it as it is. An instance in one
                  cluster of an environment with several (`switchback.cluster`) adds the extension attribute
                  `ce_cluster` (e.g. `us-east1`) to every event it writes; it is not part of the `data`. The
                  build-listener adds `ce_delivery` (`<credential> <delivery id>`, e.g. `acme/checkout 6f1c...`) to the
                  events that answer an HTTP delivery: how every replica knows a delivery was already taken.
                - **Keys.** Every event about one service in one environment is keyed `<environment>/<service>`
                  (builds: `<service>`), so it lands on one partition and is read in order.
                - **At least once.** A write Kafka did not acknowledge is made again, and Kafka may have kept the
                  first. Events written with a change to the Service (its outbox) and `deployment.skipped` keep their
                  `eventId` when written again: read the topics deduplicating by `eventId`
                  ([reliability](reliability.md)).
                - **Validation.** Writers validate against the schema before writing (the build-listener once, on each
                  request's fields before the event exists, not again in its serializer); readers validate again and
                  send anything invalid (not a CloudEvent, an unknown `ce_type`, bad JSON, a schema violation) to
                  `<topic>.dlt` (same partition, original key, value and headers), with the kind of failure in
                  the header `switchback_dlt_reason` and what exactly is wrong in `switchback_dlt_error`. The
                  partition keeps flowing.
                - **Compatibility.** Readers ignore fields they do not know, so a writer may add an optional field
                  within a version. Anything else (a removed or renamed field, a changed meaning) is a new type
                  version (`.v2`), written beside `.v1` until every reader has moved.
                - **Times** are ISO-8601 UTC; durations are integers in milliseconds (`...Ms`); ratios are 0..1.

                Follow a topic as ops do:

                ```sh
                kcat -b "$KAFKA_BOOTSTRAP_SERVERS" -C -t switchback.rollbacks -o end \\
                  -f '%T %k %h\\n%s\\n\\n'
                ```

                ## Topics

                | topic | writer | key | event types |
                |---|---|---|---|
                """);
        for (Topic topic : Topic.values()) {
            List<EventType> types = Arrays.stream(EventType.values()).filter(t -> t.topic() == topic).toList();
            md.append("| `").append(topic.topicName()).append("` | ").append(topic.writer()).append(" | `")
                    .append(text(schemas.apply(types.get(0)), "x-key")).append("` | ")
                    .append(types.stream().map(t -> "[`" + t.ceType() + "`](#" + anchor(t) + ")")
                            .collect(Collectors.joining("<br>")))
                    .append(" |\n");
        }
        md.append("| `<topic>.dlt` | the consumer that gave up | the original key | the original record, "
                + "plus the reason in headers |\n");
        md.append("\n## Event types\n");
        for (EventType type : EventType.values()) {
            renderType(md, type, schemas.apply(type), examples.get(type));
        }
        return md.toString();
    }

    private static void renderType(StringBuilder md, EventType type, JsonNode schema, SwitchbackEvent example) {
        md.append("\n### ").append(type.ceType()).append("\n\n")
                .append(text(schema, "description")).append("\n\n")
                .append("Topic `").append(text(schema, "x-topic")).append("`, key `").append(text(schema, "x-key"))
                .append("`, source `").append(type.source()).append("`.\n\n")
                .append("| field | type | required | description |\n|---|---|---|---|\n");
        renderFields(md, schema, "");
        md.append("\nExample `data`:\n\n```json\n")
                .append(EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(example))
                .append("\n```\n");
    }

    private static void renderFields(StringBuilder md, JsonNode schema, String prefix) {
        List<String> required = schema.get("required").valueStream().map(JsonNode::asString).toList();
        for (Map.Entry<String, JsonNode> field : schema.get("properties").properties()) {
            JsonNode property = field.getValue();
            md.append("| `").append(prefix).append(field.getKey()).append("` | ").append(typeOf(property))
                    .append(" | ").append(required.contains(field.getKey()) ? "yes" : "no")
                    .append(" | ").append(text(property, "description")).append(" |\n");
            if (property.has("properties")) {
                renderFields(md, property, prefix + field.getKey() + ".");
            }
        }
    }

    private static String typeOf(JsonNode property) {
        JsonNode type = property.get("type");
        String base = type.isArray() ? type.get(0).asString() : type.asString();
        if (property.has("enum")) {
            return property.get("enum").valueStream().filter(v -> !v.isNull())
                    .map(v -> "`" + v.asString() + "`").collect(Collectors.joining(" \\| "));
        }
        if (property.has("format")) {
            return base + " (" + property.get("format").asString() + ")";
        }
        if (property.has("pattern")) {
            return base + " `" + property.get("pattern").asString().replace("|", "\\|") + "`";
        }
        return base;
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).asString();
    }

    static String anchor(EventType type) {
        return type.ceType().replace(".", "");
    }
}
