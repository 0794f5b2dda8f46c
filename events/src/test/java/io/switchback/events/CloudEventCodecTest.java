package io.switchback.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {

    private static final BuildCompleted BUILD = (BuildCompleted) EventExamples.all().get(0);

    private final SwitchbackEventSerializer serializer = new SwitchbackEventSerializer();
    private final SwitchbackEventDeserializer deserializer = new SwitchbackEventDeserializer();

    @Test
    void writesBinaryModeHeadersAndJsonData() {
        Headers headers = new RecordHeaders();
        byte[] value = serializer.serialize(Topic.BUILDS.topicName(), headers, BUILD);

        assertThat(header(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(headers, "ce_id")).isEqualTo(BUILD.eventId());
        assertThat(header(headers, "ce_type")).isEqualTo("io.switchback.build.completed.v1");
        assertThat(header(headers, "ce_source")).isEqualTo("/switchback/build-listener");
        assertThat(header(headers, "ce_subject")).isEqualTo("checkout");
        assertThat(header(headers, "ce_time")).isEqualTo("2026-11-26T10:15:30.12Z");
        assertThat(header(headers, "content-type")).isEqualTo("application/json");
        String json = new String(value, StandardCharsets.UTF_8);
        assertThat(json).contains("\"image\":\"registry.example/checkout:1.5.0-errors-5\"")
                .contains("\"conclusion\":\"success\"")
                .contains("\"occurredAt\":\"2026-11-26T10:15:30.120Z\"");
    }

    @Test
    void everyExampleRoundTripsAndKeysByReleaseOrService() {
        for (SwitchbackEvent event : EventExamples.all()) {
            Headers headers = new RecordHeaders();
            byte[] value = serializer.serialize("t", headers, event);
            assertThat(deserializer.deserialize("t", headers, value)).isEqualTo(event);
            String expectedKey = event instanceof ReleaseEvent release
                    ? release.environment() + "/" + release.service() : "checkout";
            assertThat(event.key()).isEqualTo(expectedKey);
        }
    }

    @Test
    void absentOptionalFieldsAreOmittedAndUnknownFieldsIgnored() {
        DeploymentRetryRequested retry = (DeploymentRetryRequested) EventExamples.all().get(3);
        Headers headers = new RecordHeaders();
        String json = new String(serializer.serialize("t", headers, retry), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("reason");

        byte[] withExtra = json.replaceFirst("\\{", "{\"addedInALaterRelease\":42,").getBytes(StandardCharsets.UTF_8);
        assertThat(deserializer.deserialize("t", headers, withExtra)).isEqualTo(retry);
    }

    @Test
    void badJsonIsMalformed() {
        assertDecodingFails(h -> { }, "{\"service\": \"checkout\",", EventDecodingException.Reason.MALFORMED_JSON,
                "not JSON");
    }

    @Test
    void unknownTypeIsRejectedByName() {
        assertDecodingFails(h -> h.remove("ce_type").add("ce_type", bytes("io.switchback.build.exploded.v1")),
                validJson(), EventDecodingException.Reason.UNKNOWN_TYPE, "io.switchback.build.exploded.v1");
    }

    @Test
    void missingRequiredFieldIsASchemaViolationNamingTheField() {
        String json = validJson().replaceFirst("\"image\":\"[^\"]*\",", "");
        EventDecodingException e = assertDecodingFails(h -> { }, json,
                EventDecodingException.Reason.SCHEMA_VIOLATION, "image");
        assertThat(e.violations()).anySatisfy(v -> assertThat(v).contains("image"));
    }

    @Test
    void wrongEnumValueAndPatternAreSchemaViolations() {
        assertDecodingFails(h -> { }, validJson().replace("\"success\"", "\"great\""),
                EventDecodingException.Reason.SCHEMA_VIOLATION, "conclusion");
        assertDecodingFails(h -> { }, validJson().replace("\"service\":\"checkout\"", "\"service\":\"Check Out\""),
                EventDecodingException.Reason.SCHEMA_VIOLATION, "service");
        assertDecodingFails(h -> { }, validJson().replace("\"2026-11-26T10:15:30.120Z\"", "\"yesterday\""),
                EventDecodingException.Reason.SCHEMA_VIOLATION, "occurredAt");
    }

    @Test
    void violationsNameTheFieldTheyConcern() {
        tools.jackson.databind.node.ObjectNode tree = (tools.jackson.databind.node.ObjectNode) EventJson.toTree(BUILD);
        tree.remove("image");
        tree.put("service", "Not A Name");
        assertThat(EventSchemas.check(EventType.BUILD_COMPLETED, tree))
                .extracting(EventSchemas.Violation::field).containsExactlyInAnyOrder("image", "service");
        tools.jackson.databind.node.ObjectNode completed =
                (tools.jackson.databind.node.ObjectNode) EventJson.toTree(EventExamples.all().stream()
                        .filter(RollbackCompleted.class::isInstance).findFirst().orElseThrow());
        ((tools.jackson.databind.node.ObjectNode) completed.get("cause")).remove("summary");
        assertThat(EventSchemas.check(EventType.ROLLBACK_COMPLETED, completed))
                .extracting(EventSchemas.Violation::field).containsExactly("cause.summary");
        assertThat(EventSchemas.check(EventType.ROLLBACK_COMPLETED,
                        tools.jackson.databind.node.JsonNodeFactory.instance.stringNode("x")))
                .extracting(EventSchemas.Violation::field).containsExactly("(body)");
    }

    @Test
    void recordsWithoutCloudEventHeadersOrValueAreRejected() {
        assertThatThrownBy(() -> deserializer.deserialize("t", new RecordHeaders(), bytes(validJson())))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.NOT_A_CLOUDEVENT));
        assertThatThrownBy(() -> deserializer.deserialize("t", bytes(validJson())))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.NOT_A_CLOUDEVENT));
        assertDecodingFails(h -> h.remove("ce_id"), validJson(), EventDecodingException.Reason.NOT_A_CLOUDEVENT,
                "invalid CloudEvents headers");
        Headers headers = validHeaders();
        assertThatThrownBy(() -> deserializer.deserialize("t", headers, (byte[]) null))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.MALFORMED_JSON));
    }

    @Test
    void writerRefusesAnEventThatBreaksItsSchema() {
        BuildCompleted bad = new BuildCompleted(BUILD.eventId(), BUILD.occurredAt(), "checkout", "has spaces in it",
                BUILD.commit(), BUILD.branch(), null, 1, BuildConclusion.SUCCESS, null);
        assertThatThrownBy(() -> serializer.serialize("t", new RecordHeaders(), bad))
                .isInstanceOf(EventEncodingException.class)
                .hasMessageContaining("image");
        assertThatThrownBy(() -> serializer.serialize("t", BUILD)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(serializer.serialize("t", new RecordHeaders(), null)).isNull();
    }

    @Test
    void theSerializerOfCheckedEventsWritesTheSameRecordWithoutCheckingAgain() {
        SwitchbackEventSerializer checked = SwitchbackEventSerializer.ofCheckedEvents();
        for (SwitchbackEvent event : EventExamples.all()) {
            Headers headers = new RecordHeaders();
            Headers checkedHeaders = new RecordHeaders();
            byte[] value = serializer.serialize("t", headers, event);
            assertThat(checked.serialize("t", checkedHeaders, event)).isEqualTo(value);
            assertThat(checkedHeaders.toArray()).containsExactly(headers.toArray());
        }
        BuildCompleted bad = new BuildCompleted(BUILD.eventId(), BUILD.occurredAt(), "checkout", "has spaces in it",
                BUILD.commit(), BUILD.branch(), null, 1, BuildConclusion.SUCCESS, null);
        assertThat(checked.serialize("t", new RecordHeaders(), bad))
                .as("its writer answers for the check: the build-listener checks each request before the event exists")
                .isNotEmpty();
    }

    @Test
    void keysAreNamesOnly() {
        assertThat(EventKeys.release("staging", "checkout")).isEqualTo("staging/checkout");
        assertThatThrownBy(() -> EventKeys.release("staging", "Checkout/x"))
                .hasMessageContaining("service must match");
        assertThatThrownBy(() -> EventKeys.build(null)).hasMessageContaining("service must match");
    }

    @Test
    void typesAndTopicsResolveByName() {
        assertThat(EventType.fromCeType("io.switchback.health.breached.v1")).contains(EventType.HEALTH_BREACHED);
        assertThat(EventType.fromCeType(null)).isEmpty();
        assertThat(EventType.HEALTH_BREACHED.topic().deadLetterTopicName()).isEqualTo("switchback.health.dlt");
        assertThat(Topic.deadLetterOf("switchback.rollbacks")).isEqualTo("switchback.rollbacks.dlt");
        assertThat(Color.BLUE.other()).isEqualTo(Color.GREEN);
        assertThat(Color.GREEN.other()).isEqualTo(Color.BLUE);
        assertThatThrownBy(() -> EventType.of(String.class)).hasMessageContaining("not an event record");
    }

    private EventDecodingException assertDecodingFails(Consumer<Headers> tamper, String json,
            EventDecodingException.Reason reason, String messagePart) {
        Headers headers = validHeaders();
        tamper.accept(headers);
        try {
            deserializer.deserialize("t", headers, bytes(json));
        } catch (EventDecodingException e) {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(messagePart);
            return e;
        }
        throw new AssertionError("decoding should have failed with " + reason);
    }

    private Headers validHeaders() {
        Headers headers = new RecordHeaders();
        serializer.serialize("t", headers, BUILD);
        return headers;
    }

    private String validJson() {
        return new String(serializer.serialize("t", new RecordHeaders(), BUILD), StandardCharsets.UTF_8);
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
