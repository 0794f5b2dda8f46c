package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.BuildCompleted;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.RollbackRequested;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub's own webhook, end to end: a completed run of the release workflow, signed as GitHub signs it, is
 * deployed once; GitHub's redelivery of it is a duplicate and deploys nothing more.
 */
@RealKafka
class GitHubWebhookDeployIT {

    private static final Duration STEP = Duration.ofSeconds(60);

    @Test
    void aWorkflowRunIsDeployedOnceAndItsRedeliveryNever(KafkaBroker broker, @TempDir Path dir) throws Exception {
        Sandbox.Options options = new Sandbox.Options(broker.bootstrapServers(), dir, Duration.ofMillis(300),
                TrafficGenerator.DEFAULT_RATE, "registry.example/checkout:1.4.0", 2, Map.of(), null, 1);
        try (Sandbox sandbox = Sandbox.start(options)) {
            String sha = UUID.randomUUID().toString().replace("-", "");
            String payload = """
                    {"action":"completed","workflow_run":{"id":%d,"run_attempt":1,"name":"Release",
                     "path":".github/workflows/%s","head_branch":"main","head_sha":"%s","conclusion":"success",
                     "head_repository":{"full_name":"%s"}},"repository":{"full_name":"%s"}}"""
                    .formatted(System.currentTimeMillis(), SandboxTrust.WORKFLOW, sha, SandboxTrust.SENDER,
                            SandboxTrust.SENDER);
            String delivery = UUID.randomUUID().toString();

            HttpResponse<String> first = deliver(sandbox, delivery, payload);
            BuildCompleted build = sandbox.timeline().await(BuildCompleted.class, b -> b.commit().equals(sha), STEP)
                    .orElseThrow();
            DeploymentTrafficSwitched switched = sandbox.timeline().await(DeploymentTrafficSwitched.class,
                    s -> s.liveImage().equals(build.image()), STEP).orElseThrow();
            HttpResponse<String> redelivered = deliver(sandbox, delivery, payload);
            // a command after the redelivery: once it is on the timeline, a second build would be too
            sandbox.buildListener().post("v1/commands/rollback", """
                    {"environment":"%s","service":"%s","reason":"marker","deploymentId":"%s"}"""
                    .formatted(Sandbox.ENVIRONMENT, Sandbox.SERVICE, switched.deploymentId()));
            sandbox.timeline().await(RollbackRequested.class, r -> "marker".equals(r.reason()), STEP).orElseThrow();

            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            assertThat(build.image()).isEqualTo("registry.example/checkout:" + sha.substring(0, 7));
            assertThat(redelivered.statusCode()).as(redelivered.body()).isEqualTo(200);
            assertThat(redelivered.body()).contains("\"status\":\"duplicate\"");
            assertThat(sandbox.timeline().entries()).filteredOn(e -> e.event() instanceof BuildCompleted b
                    && b.commit().equals(sha)).hasSize(1);
            assertThat(sandbox.timeline().entries()).filteredOn(e -> e.event() instanceof DeploymentStarted s
                    && s.buildEventId().equals(build.eventId())).hasSize(1);
        }
    }

    private static HttpResponse<String> deliver(Sandbox sandbox, String delivery, String payload) throws Exception {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.webhookBase() + "v1/github"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "workflow_run")
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", sandbox.trust().githubSignature(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
