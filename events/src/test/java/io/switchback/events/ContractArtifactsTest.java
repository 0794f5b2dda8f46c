package io.switchback.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schemas are generated from the records and {@code docs/events.md} from the schemas; both are
 * committed. These tests fail when either is stale. With {@code -Dswitchback.regenerate=true} they
 * rewrite the files instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractArtifactsTest {

    private static final Path SCHEMA_DIR = Path.of("src/main/resources/io/switchback/events/schemas");
    private static final Path CATALOGUE = Path.of("../docs/events.md");
    private static final boolean REGENERATE = Boolean.getBoolean("switchback.regenerate");
    private static final String HINT =
            " is stale: run ./mvnw -pl events test -Dtest=ContractArtifactsTest -Dswitchback.regenerate=true";

    @Test
    @Order(1)
    void everySchemaFileIsGeneratedFromItsRecord() throws IOException {
        for (EventType type : EventType.values()) {
            String generated = EventJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(SchemaGenerator.schema(type)) + "\n";
            Path file = SCHEMA_DIR.resolve(type.ceType() + ".json");
            compareOrWrite(file, generated);
        }
    }

    @Test
    @Order(2)
    void catalogueIsRenderedFromTheSchemas() throws IOException {
        Map<EventType, SwitchbackEvent> examples = EventExamples.all().stream()
                .collect(Collectors.toMap(SwitchbackEvent::type, Function.identity()));
        assertThat(examples.keySet()).as("one example per event type").containsExactlyInAnyOrder(EventType.values());
        compareOrWrite(CATALOGUE, CatalogueRenderer.render(ContractArtifactsTest::schemaFile, examples));
    }

    @Test
    void noSchemaFileIsOrphaned() throws IOException {
        try (var files = Files.list(SCHEMA_DIR)) {
            assertThat(files.map(f -> f.getFileName().toString().replace(".json", "")))
                    .allSatisfy(name -> assertThat(EventType.fromCeType(name)).as(name).isPresent());
        }
    }

    /** The committed schema file itself, so that the catalogue is checked against what is published. */
    private static JsonNode schemaFile(EventType type) {
        return EventJson.mapper().readTree(SCHEMA_DIR.resolve(type.ceType() + ".json").toFile());
    }

    private static void compareOrWrite(Path file, String expected) throws IOException {
        if (REGENERATE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as(file + HINT).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file + HINT).isEqualTo(expected);
    }
}
