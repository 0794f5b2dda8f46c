package io.switchback.delivery;

import static io.switchback.delivery.Workflows.jobs;
import static io.switchback.delivery.Workflows.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.switchback.delivery.Command.Result;
import io.switchback.testkit.RequiredTool;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * service-release.yml's first step, run as the runner runs it: which Switchback release the workflow is, read from
 * the job's OIDC token (its {@code job_workflow_ref} and {@code job_workflow_sha} claims), against an in-test
 * token endpoint playing GitHub's.
 */
class OwnReleaseStepIT {

    private static final String SHA = "3f9a0c1d2e4b5a6c7d8e9f00112233445566778a";
    private static final String REQUEST_TOKEN = "runner-request-token";

    @TempDir
    Path dir;
    private HttpServer github;
    private volatile String claims;

    @BeforeEach
    void start() throws Exception {
        RequiredTool.require("jq");
        RequiredTool.require("curl");
        github = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        github.createContext("/token", exchange -> {
            try (exchange) {
                boolean authorised = ("bearer " + REQUEST_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
                String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8));
                byte[] body = ("{\"value\":\"eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln\"}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(authorised ? 200 : 401, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        github.start();
    }

    @AfterEach
    void stop() {
        github.stop(0);
    }

    @Test
    void namesTheRepositoryAndCommitOfTheReusableWorkflowNotOfItsCaller() throws Exception {
        claims = """
                {"repository":"acme/checkout","workflow_ref":"acme/checkout/.github/workflows/release.yml@refs/heads/main",
                 "job_workflow_ref":"switchback-io/switchback/.github/workflows/service-release.yml@refs/tags/v1",
                 "job_workflow_sha":"%s","note":"??>??>"}""".formatted(SHA);
        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)))
                .as("the token's payload uses base64url's own characters and no padding").containsAnyOf("-", "_")
                .doesNotEndWith("=");

        Result result = runStep();

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(Files.readString(dir.resolve("output"))).contains("repository=switchback-io/switchback",
                "sha=" + SHA);
    }

    @Test
    void aTokenThatNamesNoReusableWorkflowStopsTheRelease() throws Exception {
        claims = "{\"repository\":\"acme/checkout\",\"job_workflow_ref\":\"\",\"job_workflow_sha\":\"\"}";

        Result result = runStep();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("the OIDC token names no reusable workflow");
        assertThat(Files.readString(dir.resolve("output"))).isEmpty();
    }

    private Result runStep() throws Exception {
        Map<String, Object> job = map(jobs(Workflows.parse(RepositoryFiles.resolve(
                ".github/workflows/service-release.yml"))).get("switchback"));
        String run = String.valueOf(Workflows.list(job.get("steps")).get(0).get("run"));
        Files.writeString(dir.resolve("output"), "");
        return Command.run(List.of("bash", "-e", "-o", "pipefail", "-c", run), "", Map.of(
                "ACTIONS_ID_TOKEN_REQUEST_URL", "http://127.0.0.1:" + github.getAddress().getPort() + "/token?api-version=2.0",
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", REQUEST_TOKEN,
                "GITHUB_OUTPUT", dir.resolve("output").toString()));
    }
}
