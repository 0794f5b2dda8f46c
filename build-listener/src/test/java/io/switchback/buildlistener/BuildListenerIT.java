package io.switchback.buildlistener;

import static io.switchback.buildlistener.TestTrust.ALICE;
import static io.switchback.buildlistener.TestTrust.ALICE_SECRET;
import static io.switchback.buildlistener.TestTrust.BOB;
import static io.switchback.buildlistener.TestTrust.BOB_SECRET;
import static io.switchback.buildlistener.TestTrust.CAROL;
import static io.switchback.buildlistener.TestTrust.CAROL_SECRET;
import static io.switchback.buildlistener.TestTrust.OTHER;
import static io.switchback.buildlistener.TestTrust.OTHER_SECRET;
import static io.switchback.buildlistener.TestTrust.SHOP;
import static io.switchback.buildlistener.TestTrust.SHOP_NEXT_SECRET;
import static io.switchback.buildlistener.TestTrust.SHOP_SECRET;
import static io.switchback.buildlistener.TestTrust.eventIdOf;
import static io.switchback.buildlistener.TestTrust.newDelivery;
import static io.switchback.buildlistener.TestTrust.post;
import static io.switchback.buildlistener.TestTrust.uniqueService;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.RequestSignature;
import io.switchback.events.BuildCompleted;
import io.switchback.events.PromotionApproved;
import io.switchback.events.RollbackRequested;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.SwitchbackEventDeserializer;
import io.switchback.events.Topic;
import io.switchback.events.VerificationOutcome;
import io.switchback.events.VerificationRecorded;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import io.switchback.testkit.TopicReader;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Over real HTTP and a real broker: 202 only with the event on the topic, once per delivery; every refusal (401,
 * 403, 400, 413, 429) writes nothing; who sent a command comes from the credential.
 */
@RealKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {BuildListenerApplication.CONFIG_NAME, TestTrust.IMPORT})
class BuildListenerIT {

    @LocalServerPort
    int port;

    @Test
    void aSignedBuildIsAcceptedOnlyOnceKafkaHasItAndOnlyOncePerDelivery(KafkaBroker broker) {
        String commit = newCommit();
        String body = build("checkout", "ghcr.io/acme/checkout:" + commit, commit);
        String delivery = newDelivery();
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> first = post(port, "/v1/builds", SHOP, SHOP_SECRET, delivery, now, body);
        HttpResponse<String> replay = post(port, "/v1/builds", SHOP, SHOP_SECRET, delivery, now + 1, body);
        HttpResponse<String> rotated = post(port, "/v1/builds", SHOP, SHOP_NEXT_SECRET, newDelivery(), now, body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(first.body()).contains("\"status\":\"accepted\"");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("\"status\":\"duplicate\"").contains(eventIdOf(first));
        assertThat(rotated.statusCode()).as("the secret being rotated in signs too").isEqualTo(202);
        List<SwitchbackEvent> written = readAll(broker, Topic.BUILDS, e -> e instanceof BuildCompleted b
                && b.commit().equals(commit), 2);
        assertThat(written).extracting(SwitchbackEvent::eventId).containsExactlyInAnyOrder(eventIdOf(first), eventIdOf(rotated));
        assertThat(written).allSatisfy(e -> assertThat(((BuildCompleted) e).repository()).isEqualTo(SHOP));
    }

    @Test
    void refusedRequestsWriteNothing(KafkaBroker broker) {
        String commit = newCommit();
        String good = build("checkout", "ghcr.io/acme/checkout:" + commit, commit);
        long now = Instant.now().getEpochSecond();
        String delivery = newDelivery();
        byte[] goodBytes = good.getBytes(StandardCharsets.UTF_8);

        assertThat(TestTrust.send(TestTrust.request(port, "/v1/builds", goodBytes)).statusCode()).isEqualTo(401);
        HttpResponse<String> forged = TestTrust.send(TestTrust.request(port, "/v1/builds", goodBytes)
                .header(RequestSignature.CREDENTIAL, SHOP).header(RequestSignature.DELIVERY, delivery)
                .header(RequestSignature.TIMESTAMP, Long.toString(now))
                .header(RequestSignature.SIGNATURE, RequestSignature.sign(SHOP_SECRET, now, delivery, (good + " ").getBytes())));
        assertThat(forged.statusCode()).isEqualTo(401);
        long tenMinutesAgo = Instant.now().getEpochSecond() - 600;
        HttpResponse<String> stale = post(port, "/v1/builds", SHOP, SHOP_SECRET, newDelivery(), tenMinutesAgo, good);
        assertThat(stale.statusCode()).isEqualTo(401);
        // the server reads its clock a little later: a second may have turned meanwhile
        assertThat(stale.body()).containsPattern("X-Switchback-Timestamp is 60[01] s from the server's clock, more than"
                + " the 300 s allowed");
        HttpResponse<String> foreign = post(port, "/v1/builds", OTHER, OTHER_SECRET,
                build("checkout", "ghcr.io/other/checkout:" + commit, commit));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("other/tools may not deploy checkout");
        assertThat(post(port, "/v1/builds", SHOP, SHOP_SECRET, build("checkout", "docker.io/evil/checkout:1", commit))
                .statusCode()).as("an image from a registry the repository may not use").isEqualTo(403);
        assertThat(post(port, "/v1/builds", SHOP, SHOP_SECRET, good.replace("\"main\"", "\"main\",\"repository\":\"other/tools\""))
                .statusCode()).as("a body naming another repository").isEqualTo(403);
        assertThat(post(port, "/v1/builds", ALICE, ALICE_SECRET, good).statusCode())
                .as("an operator credential cannot send builds").isEqualTo(403);
        HttpResponse<String> badJson = post(port, "/v1/builds", SHOP, SHOP_SECRET, "{\"service\":");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).contains("\"field\":\"body\"");
        HttpResponse<String> deep = post(port, "/v1/builds", SHOP, SHOP_SECRET, "[".repeat(100_000));
        assertThat(deep.statusCode()).as("nesting of any depth is a 400, not a stack overflow").isEqualTo(400);
        HttpResponse<String> noImage = post(port, "/v1/builds", SHOP, SHOP_SECRET,
                good.replaceFirst("\"image\":\"[^\"]*\",", ""));
        assertThat(noImage.statusCode()).isEqualTo(400);
        assertThat(noImage.body()).contains("\"field\":\"image\"");

        // a marker accepted after the refusals: once it is read, anything refused before it would be too
        String marker = build("cart", "ghcr.io/acme/cart:" + commit, commit);
        assertThat(post(port, "/v1/builds", SHOP, SHOP_SECRET, marker).statusCode()).isEqualTo(202);
        assertThat(readAll(broker, Topic.BUILDS, e -> e instanceof BuildCompleted b && b.commit().equals(commit), 1))
                .singleElement().satisfies(e -> assertThat(((BuildCompleted) e).service()).isEqualTo("cart"));
    }

    @Test
    void aBodyOverTheLimitIs413WithoutBeingReadWhole() {
        byte[] twoMiB = ("{\"pad\":\"" + " ".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> declared = TestTrust.send(TestTrust.request(port, "/v1/builds", twoMiB));
        HttpResponse<String> chunked = TestTrust.send(TestTrust.request(port, "/v1/builds", twoMiB)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(twoMiB))));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).as("without a Content-Length: refused once the limit is passed").isEqualTo(413);
    }

    @Test
    void aCommandNamesWhoSentItFromTheCredential(KafkaBroker broker) {
        String service = uniqueService("svc");
        String rollback = """
                {"environment":"production","service":"%s","reason":"p95 regression","requestedBy":"mallory"}"""
                .formatted(service);
        String approval = """
                {"environment":"production","service":"%s","deploymentId":"%s-production-0a1b2c3d4e"}"""
                .formatted(service, service);

        assertThat(post(port, "/v1/commands/rollback", ALICE, ALICE_SECRET, rollback).statusCode()).isEqualTo(202);
        HttpResponse<String> byBuild = post(port, "/v1/commands/approve", SHOP, SHOP_SECRET, approval);
        assertThat(byBuild.statusCode()).as("a build credential cannot approve").isEqualTo(403);
        assertThat(byBuild.body()).contains("build credential");
        HttpResponse<String> notApprover = post(port, "/v1/commands/approve", BOB, BOB_SECRET, approval);
        assertThat(notApprover.statusCode()).isEqualTo(403);
        assertThat(notApprover.body()).contains("bob is not among the approvers of production");
        assertThat(post(port, "/v1/commands/approve", ALICE, ALICE_SECRET, approval).statusCode()).isEqualTo(202);

        List<SwitchbackEvent> commands = readAll(broker, Topic.COMMANDS,
                e -> e.key().equals("production/" + service), 2);
        assertThat(commands).hasSize(2);
        assertThat(commands).filteredOn(RollbackRequested.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((RollbackRequested) e).requestedBy()).isEqualTo(ALICE));
        assertThat(commands).filteredOn(PromotionApproved.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((PromotionApproved) e).approvedBy()).isEqualTo(ALICE));
    }

    @Test
    void anOperatorLimitedToRollbacksRollsBackAndCanDoNothingElse(KafkaBroker broker) {
        String service = uniqueService("svc");
        String rollback = """
                {"environment":"production","service":"%s","reason":"emergency"}""".formatted(service);
        String approval = """
                {"environment":"production","service":"%s","deploymentId":"%s-production-0a1b2c3d4e"}"""
                .formatted(service, service);

        HttpResponse<String> approve = post(port, "/v1/commands/approve", TestTrust.ROLLBACK_BOT,
                TestTrust.ROLLBACK_BOT_SECRET, approval);
        assertThat(post(port, "/v1/commands/rollback", TestTrust.ROLLBACK_BOT, TestTrust.ROLLBACK_BOT_SECRET, rollback)
                .statusCode()).isEqualTo(202);

        assertThat(approve.statusCode()).isEqualTo(403);
        assertThat(approve.body()).contains("rollback-bot may send only [rollback] commands, not approve");
        assertThat(readAll(broker, Topic.COMMANDS, e -> e.key().equals("production/" + service), 1)).singleElement()
                .satisfies(e -> assertThat(((RollbackRequested) e).requestedBy()).isEqualTo(TestTrust.ROLLBACK_BOT));
    }

    @Test
    void aVerificationResultIsACommandNamingTheBuildAndItsOutcome(KafkaBroker broker) {
        String service = uniqueService("svc");
        String result = """
                {"environment":"staging","service":"%s","buildEventId":"0d9c3a1e-9f1b-4f5e-8c1a-2b3c4d5e6f70",
                 "check":"load-test","outcome":"passed","summary":"p95 82 ms < 100 ms"}""".formatted(service);
        String unknownOutcome = result.replace("\"passed\"", "\"green\"");

        HttpResponse<String> refused = post(port, "/v1/commands/verification", BOB, BOB_SECRET, unknownOutcome);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"outcome\"");
        assertThat(post(port, "/v1/commands/verification", BOB, BOB_SECRET, result).statusCode()).isEqualTo(202);

        assertThat(readAll(broker, Topic.COMMANDS, e -> e.key().equals("staging/" + service), 1)).singleElement()
                .isInstanceOfSatisfying(VerificationRecorded.class, v -> {
                    assertThat(v.check()).isEqualTo("load-test");
                    assertThat(v.outcome()).isEqualTo(VerificationOutcome.PASSED);
                    assertThat(v.reportedBy()).isEqualTo(BOB);
                });
    }

    @Test
    void aSenderOverItsRateIsAnswered429WithRetryAfter() {
        // the test trust allows a burst of 20 per credential; carol sends nothing else here
        HttpResponse<String> last = null;
        for (int i = 0; i < 21; i++) {
            last = post(port, "/v1/commands/rollback", CAROL, CAROL_SECRET, "{}");
            if (last.statusCode() == 429) {
                break;
            }
            assertThat(last.statusCode()).as("an empty command").isEqualTo(400);
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isPositive());
    }

    @Test
    void theEdgesDoorAnswersItsPathsOnlyAndIsCountedByPath() {
        String commit = newCommit();
        assertThat(post(port, "/v1/builds", SHOP, SHOP_SECRET, build("checkout", "ghcr.io/acme/checkout:" + commit, commit))
                .statusCode()).isEqualTo(202);
        HttpResponse<String> nowhere = post(port, "/v1/deploys", SHOP, SHOP_SECRET, "{}");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        HttpResponse<String> read = TestTrust.send(TestTrust.request(port, "/v1/builds", new byte[0]).GET());
        assertThat(read.statusCode()).isEqualTo(405);
        TestTrust.send(TestTrust.request(port, "/actuator/prometheus", new byte[0]).GET());
        String metrics = TestTrust.send(TestTrust.request(port, "/actuator/prometheus", new byte[0]).GET()).body();
        // the edge's timers (IngressTimers) and Spring's observation of actuator share one metric: same tag keys
        String keys = "error=\"[^\"]*\",exception=\"[^\"]*\",method=\"%s\",outcome=\"%s\",status=\"%s\",uri=\"%s\"";
        assertThat(metrics).as("the HTTP server metrics name the edge's paths, as they did under Spring MVC")
                .containsPattern(count(keys.formatted("POST", "SUCCESS", "202", "/v1/builds")))
                .containsPattern(count(keys.formatted("POST", "CLIENT_ERROR", "404", "NOT_FOUND")))
                .containsPattern(count(keys.formatted("GET", "CLIENT_ERROR", "405", "/v1/builds")))
                .containsPattern(count(keys.formatted("GET", "SUCCESS", "200", "/actuator/prometheus")));
    }

    private static String count(String tags) {
        return "http_server_requests_seconds_count\\{(?:[^}]*,)?" + tags + "(?:,[^}]*)?} [1-9]";
    }

    static String build(String service, String image, String commit) {
        return """
                {"service":"%s","image":"%s","commit":"%s","branch":"main","workflowRunId":42,"conclusion":"success"}"""
                .formatted(service, image, commit);
    }

    static String newCommit() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static List<SwitchbackEvent> readAll(KafkaBroker broker, Topic topic, Predicate<SwitchbackEvent> matching,
            int expected) {
        return TopicReader.read(broker, topic.topicName(), new SwitchbackEventDeserializer(), matching, expected,
                Duration.ofSeconds(30));
    }
}
