package io.switchback.buildlistener;

import static io.switchback.buildlistener.BuildListenerIT.newCommit;
import static io.switchback.buildlistener.BuildListenerIT.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.RequestSignature;
import io.switchback.events.BuildCompleted;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.Topic;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * GitHub's own webhooks, signed as GitHub signs them, against two replicas on one broker: a workflow_run is
 * written once, and its redelivery, to either replica, or a replay under another delivery id, is answered
 * "duplicate" and written never again.
 */
@RealKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {BuildListenerApplication.CONFIG_NAME, TestTrust.IMPORT})
class GitHubWebhookIT {

    private static ConfigurableApplicationContext secondReplica;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startSecondReplica(KafkaBroker broker) {
        secondReplica = new SpringApplicationBuilder(BuildListenerApplication.class)
                .properties(BuildListenerApplication.CONFIG_NAME, TestTrust.IMPORT)
                .run("--server.port=0", "--switchback.kafka.bootstrap-servers=" + broker.bootstrapServers());
    }

    @AfterAll
    static void stopSecondReplica() {
        secondReplica.close();
    }

    @Test
    void aWorkflowRunIsWrittenOnceAndItsRedeliveryToAnyReplicaIsADuplicate(KafkaBroker broker) {
        String sha = newCommit() + "0123456789abcdef0123456789";
        long runId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        String payload = workflowRun("acme/shop", ".github/workflows/release.yml", "main", "success", sha, runId);
        String delivery = java.util.UUID.randomUUID().toString();

        HttpResponse<String> first = deliver(port, "workflow_run", delivery, payload, TestTrust.HOOK_SECRET);
        HttpResponse<String> again = deliver(port, "workflow_run", delivery, payload, TestTrust.HOOK_SECRET);
        HttpResponse<String> elsewhere = deliver(portOf(secondReplica), "workflow_run", delivery, payload,
                TestTrust.HOOK_SECRET);
        HttpResponse<String> replayed = deliver(port, "workflow_run", newId(), payload, TestTrust.HOOK_SECRET);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"status\":\"duplicate\"");
        assertThat(elsewhere.statusCode()).as("the other replica knows it too").isEqualTo(200);
        assertThat(elsewhere.body()).contains("\"status\":\"duplicate\"");
        assertThat(replayed.statusCode()).as("a captured payload under another X-GitHub-Delivery: the same run")
                .isEqualTo(200);
        assertThat(replayed.body()).contains("\"status\":\"duplicate\"");
        List<SwitchbackEvent> builds = readAll(broker, Topic.BUILDS,
                e -> e instanceof BuildCompleted b && b.commit().equals(sha), 2);
        assertThat(builds).hasSize(2).allSatisfy(e -> {
            BuildCompleted build = (BuildCompleted) e;
            assertThat(build.image()).isEqualTo("ghcr.io/acme/" + build.service() + ":" + sha);
            assertThat(build.workflowRunId()).isEqualTo(runId);
            assertThat(build.runAttempt()).isEqualTo(1);
            assertThat(build.repository()).isEqualTo("acme/shop");
        });
        assertThat(builds).extracting(e -> ((BuildCompleted) e).service()).containsExactlyInAnyOrder("cart", "checkout");
    }

    @Test
    void pingAndRunsThatDeployNothingAre200WithTheReason(KafkaBroker broker) {
        String sha = newCommit();
        assertThat(deliver(port, "ping", newId(), "{\"zen\":\"Keep it logically awesome.\"}", TestTrust.HOOK_SECRET)
                .statusCode()).isEqualTo(200);
        HttpResponse<String> failed = deliver(port, "workflow_run", newId(),
                workflowRun("acme/shop", ".github/workflows/release.yml", "main", "failure", sha, 7), TestTrust.HOOK_SECRET);
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.body()).contains("the run concluded failure");
        HttpResponse<String> unmapped = deliver(port, "workflow_run", newId(),
                workflowRun("acme/shop", ".github/workflows/lint.yml", "main", "success", sha, 8), TestTrust.HOOK_SECRET);
        assertThat(unmapped.statusCode()).isEqualTo(200);
        assertThat(unmapped.body()).contains("maps to no service");

        // a marker written after them: once it is read, anything they had written would be too
        assertThat(deliver(port, "workflow_run", newId(),
                workflowRun("acme/shop", "release.yml", "main", "success", sha, 9), TestTrust.HOOK_SECRET)
                .statusCode()).isEqualTo(202);
        assertThat(readAll(broker, Topic.BUILDS, e -> e instanceof BuildCompleted b && b.commit().equals(sha), 2))
                .allSatisfy(e -> assertThat(((BuildCompleted) e).workflowRunId()).isEqualTo(9));
    }

    @Test
    void aWebhookSignsOnlyForItsOwnScope() {
        String sha = newCommit();
        String shopRun = workflowRun("acme/shop", "release.yml", "main", "success", sha, 10);

        HttpResponse<String> unsigned = deliver(port, "workflow_run", newId(), shopRun, "not-the-webhook-secret-0123456789abcdef");
        HttpResponse<String> foreign = deliver(port, "workflow_run", newId(), shopRun, TestTrust.OTHER_HOOK_SECRET);

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(foreign.statusCode()).as("other/tools' webhook delivering acme/shop's run").isEqualTo(403);
        assertThat(foreign.body()).contains("cannot deliver runs of acme/shop");
    }

    static HttpResponse<String> deliver(int port, String event, String delivery, String payload, String secret) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return TestTrust.send(TestTrust.request(port, "/v1/github", body)
                .header(Ingress.GITHUB_EVENT, event)
                .header(Ingress.GITHUB_DELIVERY, delivery)
                .header(RequestSignature.GITHUB_SIGNATURE, RequestSignature.github(secret, body)));
    }

    /** The fields of GitHub's workflow_run payload that Switchback reads, as GitHub sends them. */
    static String workflowRun(String repository, String path, String branch, String conclusion, String sha, long runId) {
        return """
                {"action":"completed",
                 "workflow_run":{"id":%d,"name":"Release","path":"%s","head_branch":"%s","head_sha":"%s",
                   "run_attempt":1,"status":"completed","conclusion":"%s","event":"push",
                   "head_repository":{"full_name":"%s"}},
                 "repository":{"full_name":"%s","name":"%s","owner":{"login":"%s"}},
                 "sender":{"login":"octocat"}}"""
                .formatted(runId, path, branch, sha, conclusion, repository, repository, repository.split("/")[1],
                        repository.split("/")[0]);
    }

    private static String newId() {
        return java.util.UUID.randomUUID().toString();
    }

    private static int portOf(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
