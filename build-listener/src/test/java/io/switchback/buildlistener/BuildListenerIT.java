package io.switchback.buildlistener;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.BuildCompleted;
import io.switchback.events.RollbackRequested;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.SwitchbackEventDeserializer;
import io.switchback.events.Topic;
import io.switchback.events.VerificationOutcome;
import io.switchback.events.VerificationRecorded;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import io.switchback.testkit.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Over real HTTP and a real broker: 202 only with the event on the topic; 401 and 400 write nothing. */
@RealKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {BuildListenerApplication.CONFIG_NAME, "SWITCHBACK_HMAC_SECRET=" + BuildListenerIT.SECRET})
class BuildListenerIT {

    /** A test-only secret; real ones come from configuration. */
    static final String SECRET = "test-only-hmac-secret-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aSignedBuildIsAcceptedOnlyOnceKafkaHasIt(KafkaBroker broker) throws Exception {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"service":"%s","image":"registry.example/%s:1.5.0","commit":"7f3a9c1","branch":"main",
                 "repository":"acme/%s","workflowRunId":42,"conclusion":"success"}""".formatted(service, service, service);

        HttpResponse<String> response = post("/v1/builds", body, sign(body));

        assertThat(response.statusCode()).isEqualTo(202);
        String eventId = response.body().replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1");
        List<SwitchbackEvent> written = readAll(broker, Topic.BUILDS, e -> e.key().equals(service), 1);
        assertThat(written).singleElement().isInstanceOfSatisfying(BuildCompleted.class, b -> {
            assertThat(b.eventId()).isEqualTo(eventId);
            assertThat(b.image()).isEqualTo("registry.example/" + service + ":1.5.0");
        });
    }

    @Test
    void rejectedRequestsWriteNothing(KafkaBroker broker) throws Exception {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String good = """
                {"service":"%s","image":"r/%s:1","commit":"7f3a9c1","branch":"main","workflowRunId":1,
                 "conclusion":"success"}""".formatted(service, service);
        String missingImage = good.replaceFirst("\"image\":\"[^\"]*\",", "");

        assertThat(post("/v1/builds", good, null).statusCode()).isEqualTo(401);
        assertThat(post("/v1/builds", good, sign(good + " ")).statusCode()).isEqualTo(401);
        HttpResponse<String> badJson = post("/v1/builds", "{\"service\":", sign("{\"service\":"));
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).contains("\"field\":\"body\"");
        HttpResponse<String> noImage = post("/v1/builds", missingImage, sign(missingImage));
        assertThat(noImage.statusCode()).isEqualTo(400);
        assertThat(noImage.body()).contains("\"field\":\"image\"");
        assertThat(post("/v1/builds", "", sign("")).statusCode()).isEqualTo(400);

        // a marker accepted after the rejections: once it is read, anything rejected before it would be too
        String rollback = """
                {"environment":"staging","service":"%s","reason":"marker","requestedBy":"it"}""".formatted(service);
        assertThat(post("/v1/commands/rollback", rollback, sign(rollback)).statusCode()).isEqualTo(202);
        assertThat(readAll(broker, Topic.COMMANDS, e -> e.key().equals("staging/" + service), 1))
                .singleElement().isInstanceOf(RollbackRequested.class);
        assertThat(readAll(broker, Topic.BUILDS, e -> e.key().equals(service), 0)).isEmpty();
    }

    @Test
    void aVerificationResultIsACommandNamingTheBuildAndItsOutcome(KafkaBroker broker) throws Exception {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String result = """
                {"environment":"staging","service":"%s","buildEventId":"0d9c3a1e-9f1b-4f5e-8c1a-2b3c4d5e6f70",
                 "check":"load-test","outcome":"passed","summary":"p95 82 ms < 100 ms","reportedBy":"k6"}"""
                .formatted(service);
        String unknownOutcome = result.replace("\"passed\"", "\"green\"");

        HttpResponse<String> refused = post("/v1/commands/verification", unknownOutcome, sign(unknownOutcome));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"outcome\"");
        assertThat(post("/v1/commands/verification", result, null).statusCode()).isEqualTo(401);
        assertThat(post("/v1/commands/verification", result, sign(result)).statusCode()).isEqualTo(202);

        assertThat(readAll(broker, Topic.COMMANDS, e -> e.key().equals("staging/" + service), 1)).singleElement()
                .isInstanceOfSatisfying(VerificationRecorded.class, v -> {
                    assertThat(v.check()).isEqualTo("load-test");
                    assertThat(v.outcome()).isEqualTo(VerificationOutcome.PASSED);
                    assertThat(v.buildEventId()).isEqualTo("0d9c3a1e-9f1b-4f5e-8c1a-2b3c4d5e6f70");
                });
    }

    private HttpResponse<String> post(String path, String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header(SignatureVerifier.HEADER, signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(String body) {
        return new SignatureVerifier(SECRET).header(body.getBytes(StandardCharsets.UTF_8));
    }

    static List<SwitchbackEvent> readAll(KafkaBroker broker, Topic topic, Predicate<SwitchbackEvent> matching,
            int expected) {
        return TopicReader.read(broker, topic.topicName(), new SwitchbackEventDeserializer(), matching, expected,
                Duration.ofSeconds(30));
    }
}
