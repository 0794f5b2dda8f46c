package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.delivery.Command.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The action's signing script ({@code publish.sh}), run with bash, openssl and curl against an in-test
 * server that checks the signature exactly as the build-listener does.
 */
class PublishScriptIT {

    private static final String SECRET = "s3cr3t-Ab9!shared-hmac-key";
    private static final String BODY = "{\"service\":\"checkout\",\"image\":\"registry.example/checkout:7f3a9c1\","
            + "\"commit\":\"7f3a9c1\",\"branch\":\"main\",\"repository\":\"acme/checkout\","
            + "\"workflowRunId\":9876543210,\"conclusion\":\"success\"}\n";

    @TempDir
    Path dir;

    private BuildListenerStub listener;
    private Path body;

    @BeforeEach
    void start() throws IOException {
        listener = new BuildListenerStub(SECRET);
        body = Files.writeString(dir.resolve("event.json"), BODY);
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    @Test
    void aCorrectlySignedEventIsAcceptedAndItsIdBecomesAStepOutput() throws Exception {
        Path githubOutput = dir.resolve("github-output");
        Result result = publish(Map.of("SWITCHBACK_SIGNING_SECRET", SECRET, "GITHUB_OUTPUT", githubOutput.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("HTTP 202", BuildListenerStub.EVENT_ID).doesNotContain(SECRET);
        assertThat(listener.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/v1/builds");
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.signatureValid()).isTrue();
            assertThat(request.signature()).matches("sha256=[0-9a-f]{64}");
            assertThat(request.bodyText()).as("the exact bytes of the body file").isEqualTo(BODY);
        });
        assertThat(Files.readString(githubOutput)).contains("event-id=" + BuildListenerStub.EVENT_ID, "status=202");
    }

    @Test
    void aWrongSecretIsRejectedOnceAndTheServersErrorIsPrinted() throws Exception {
        Result result = publish(Map.of("SWITCHBACK_SIGNING_SECRET", "not-the-secret"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("HTTP 401", "signature does not match", "not retried")
                .doesNotContain("not-the-secret");
        assertThat(listener.received()).hasSize(1).allSatisfy(r -> assertThat(r.signatureValid()).isFalse());
    }

    @Test
    void unavailableTwiceThenAcceptedIsRetriedUntilItSucceeds() throws Exception {
        listener.answer(503, "{\"error\":\"Kafka unavailable\"}").answer(503, "{\"error\":\"Kafka unavailable\"}");

        Result result = publish(Map.of("SWITCHBACK_SIGNING_SECRET", SECRET));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("attempt 1/5", "attempt 2/5", "HTTP 503", "HTTP 202")
                .doesNotContain(SECRET);
        assertThat(listener.received()).hasSize(3).allSatisfy(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.bodyText()).isEqualTo(BODY);
        });
    }

    @Test
    void aBadRequestIsNotRetriedAndItsErrorBodyIsPrinted() throws Exception {
        listener.answer(400, "{\"error\":\"commit must match ^[0-9a-f]{7,40}$\",\"field\":\"commit\"}");

        Result result = publish(Map.of("SWITCHBACK_SIGNING_SECRET", SECRET));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("::error::", "HTTP 400", "\"field\":\"commit\"", "not retried")
                .doesNotContain(SECRET);
        assertThat(listener.received()).hasSize(1);
    }

    @Test
    void persistentServerErrorsGiveUpAfterTheLastAttempt() throws Exception {
        for (int i = 0; i < 3; i++) {
            listener.answer(500, "{\"error\":\"boom\"}");
        }

        Result result = publish(Map.of("SWITCHBACK_SIGNING_SECRET", SECRET), "--max-attempts", "3");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("gave up after 3 attempts", "HTTP 500", "boom");
        assertThat(listener.received()).hasSize(3);
    }

    @Test
    void noAnswerAtAllIsRetriedAndThenFails() throws Exception {
        String url = listener.url();
        listener.close();

        Result result = ActionScript.publish().run(Map.of("SWITCHBACK_SIGNING_SECRET", SECRET),
                "--url", url, "--path", "/v1/builds", "--body-file", body.toString(),
                "--max-attempts", "2", "--retry-delay", "0", "--timeout", "5");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("attempt 2/2: no answer", "never answered").doesNotContain(SECRET);
    }

    @Test
    void aMissingSecretFailsBeforeSendingAnything() throws Exception {
        Result result = publish(Map.of());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("SWITCHBACK_SIGNING_SECRET is empty");
        assertThat(listener.received()).isEmpty();
    }

    @Test
    void anyPathAndBodyCanBeSignedAndPosted() throws Exception {
        Path command = Files.writeString(dir.resolve("rollback.json"),
                "{\"environment\":\"staging\",\"service\":\"checkout\",\"reason\":\"errors\",\"requestedBy\":\"octocat\"}");

        Result result = ActionScript.publish().run(Map.of("SWITCHBACK_SIGNING_SECRET", SECRET),
                "--url", listener.url() + "/", "--path", "/v1/commands/rollback", "--body-file", command.toString(),
                "--retry-delay", "0");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(listener.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/v1/commands/rollback");
            assertThat(request.signatureValid()).isTrue();
            assertThat(request.bodyText()).isEqualTo(Files.readString(command));
        });
    }

    private Result publish(Map<String, String> env, String... extra) throws Exception {
        String[] base = {"--url", listener.url(), "--path", "/v1/builds", "--body-file", body.toString(),
            "--retry-delay", "0"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return ActionScript.publish().run(env, args);
    }
}
