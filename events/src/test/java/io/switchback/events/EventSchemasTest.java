package io.switchback.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class EventSchemasTest {

    @Test
    void whatASenderWroteIsCheckedAsTheEventWouldBeSaveTheFieldsTheWriterAssigns() {
        for (SwitchbackEvent event : EventExamples.all()) {
            ObjectNode sent = (ObjectNode) EventJson.toTree(event);
            sent.remove(EventSchemas.ASSIGNED_FIELDS);
            assertThat(EventSchemas.checkSent(event.type(), sent)).as(event.type().ceType()).isEmpty();
            // what the edge adds always passes the whole schema: a random UUID and an instant's text
            sent.put("eventId", UUID.randomUUID().toString());
            sent.put("occurredAt", Instant.now().toString());
            assertThat(EventSchemas.check(event.type(), sent)).as(event.type().ceType()).isEmpty();
        }
    }

    @Test
    void aSendersBadFieldIsNamedAsTheWholeSchemaNamesIt() {
        ObjectNode sent = (ObjectNode) EventJson.toTree(EventExamples.all().stream()
                .filter(BuildCompleted.class::isInstance).findFirst().orElseThrow());
        sent.remove(EventSchemas.ASSIGNED_FIELDS);
        sent.remove("image");
        sent.put("service", "Not A Name");
        sent.put("commit", "not hex");
        assertThat(EventSchemas.checkSent(EventType.BUILD_COMPLETED, sent)).extracting(EventSchemas.Violation::field)
                .containsExactlyInAnyOrder("image", "service", "commit");
    }

    @Test
    void theAssignedFieldsAreNeitherRequiredNorAcceptedFromASender() {
        ObjectNode sent = (ObjectNode) EventJson.toTree(EventExamples.all().get(0));
        assertThatThrownBy(() -> EventSchemas.checkSent(EventExamples.all().get(0).type(), sent))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventId");
        // the whole schema still requires them
        sent.remove(EventSchemas.ASSIGNED_FIELDS);
        assertThat(EventSchemas.check(EventExamples.all().get(0).type(), sent))
                .extracting(EventSchemas.Violation::field).containsExactlyInAnyOrder("eventId", "occurredAt");
    }
}
