package io.switchback.buildlistener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildConclusion;
import io.switchback.events.EventType;
import io.switchback.events.RollbackRequested;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class IngressRequestsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final IngressRequests requests = new IngressRequests(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aValidBodyBecomesAnEventWithTheEdgesIdAndTime() {
        BuildCompleted build = (BuildCompleted) requests.toEvent(EventType.BUILD_COMPLETED, requests.parse(bytes("""
                {"service":"checkout","image":"registry.example/checkout:1.5.0","commit":"7f3a9c1",
                 "branch":"main","workflowRunId":42,"conclusion":"success","eventId":"chosen-by-sender"}""")));
        assertThat(build.service()).isEqualTo("checkout");
        assertThat(build.conclusion()).isEqualTo(BuildConclusion.SUCCESS);
        assertThat(build.occurredAt()).isEqualTo(NOW);
        assertThat(build.eventId()).isNotEqualTo("chosen-by-sender").hasSize(36);
        RollbackRequested rollback = (RollbackRequested) requests.toEvent(EventType.ROLLBACK_REQUESTED, requests.parse(bytes("""
                {"environment":"staging","service":"checkout","reason":"payments failing","requestedBy":"octocat"}""")));
        assertThat(rollback.key()).isEqualTo("staging/checkout");
    }

    @Test
    void badBodiesNameTheFieldToFix() {
        assertField("{\"service\":", "body");
        assertField("[1,2]", "body");
        assertField("""
                {"service":"checkout","commit":"7f3a9c1","branch":"main","workflowRunId":42,"conclusion":"success"}""",
                "image");
        assertField("""
                {"service":"Check Out","image":"r/c:1","commit":"7f3a9c1","branch":"main","workflowRunId":42,
                 "conclusion":"success"}""", "service");
        assertField("""
                {"service":"checkout","image":"r/c:1","commit":"7f3a9c1","branch":"main","workflowRunId":-1,
                 "conclusion":"success"}""", "workflowRunId");
    }

    private void assertField(String body, String field) {
        assertThatThrownBy(() -> requests.toEvent(EventType.BUILD_COMPLETED, requests.parse(bytes(body))))
                .isInstanceOfSatisfying(IngressRequests.InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo(field));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
