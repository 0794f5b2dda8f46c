package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.delivery.BuildListenerStub.Answer;
import io.switchback.delivery.BuildListenerStub.Received;
import io.switchback.delivery.Command.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The action's signing script ({@code publish.sh}), run with bash, openssl and curl against an in-test
 * server that authenticates requests exactly as the build-listener does.
 */
class PublishScriptIT {

    private static final String CREDENTIAL = "acme/checkout";
    private static final String SECRET = "s3cr3t-Ab9!checkout-signing-key";
    private static final String REQUEST_TOKEN = "runner-request-token-0123456789";
    private static final String BODY = "{\"service\":\"checkout\",\"image\":\"registry.example/checkout:7f3a9c1\","
            + "\"commit\":\"7f3a9c1\",\"branch\":\"main\",\"repository\":\"acme/checkout\","
            + "\"workflowRunId\":9876543210,\"conclusion\":\"success\"}\n";
    private static final String DELIVERY = "[A-Za-z0-9._:-]{8,128}";

    @TempDir
    Path dir;

    private BuildListenerStub listener;
    private Path body;

    @BeforeEach
    void start() throws IOException {
        listener = new BuildListenerStub(CREDENTIAL, SECRET, REQUEST_TOKEN);
        body = Files.writeString(dir.resolve("event.json"), BODY);
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    @Test
    void aCorrectlySignedEventIsAcceptedAndItsIdBecomesAStepOutput() throws Exception {
        Path githubOutput = dir.resolve("github-output");
        long before = Instant.now().getEpochSecond();
        Result result = publish(signed(Map.of("GITHUB_OUTPUT", githubOutput.toString(), "GITHUB_RUN_ID", "9876543210",
                "GITHUB_RUN_ATTEMPT", "2")));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("HTTP 202", BuildListenerStub.EVENT_ID).doesNotContain(SECRET);
        Received request = listener.received().get(0);
        assertThat(listener.received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1/builds");
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(r.authenticated()).isTrue();
            assertThat(r.credential()).isEqualTo(CREDENTIAL);
            assertThat(r.delivery()).matches(DELIVERY).startsWith("gh-9876543210-2-");
            assertThat(r.epochSeconds()).isBetween(before, Instant.now().getEpochSecond());
            assertThat(r.signature()).matches("sha256=[0-9a-f]{64}");
            assertThat(r.authorization()).isNull();
            assertThat(r.bodyText()).as("the exact bytes of the body file").isEqualTo(BODY);
        });
        assertThat(Files.readString(githubOutput)).contains("event-id=" + BuildListenerStub.EVENT_ID, "status=202",
                "delivery=" + request.delivery());
    }

    @Test
    void aWrongSecretIsRejectedOnceAndTheServersErrorIsPrinted() throws Exception {
        Result result = publish(Map.of("SWITCHBACK_SIGNING_SECRET", "not-the-secret", "SWITCHBACK_CREDENTIAL", CREDENTIAL));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("HTTP 401", "signature does not match", "not retried")
                .doesNotContain("not-the-secret");
        assertThat(listener.received()).hasSize(1).allSatisfy(r -> assertThat(r.authenticated()).isFalse());
    }

    @Test
    void theCredentialOptionNamesWhoSigned() throws Exception {
        Result other = publish(Map.of("SWITCHBACK_SIGNING_SECRET", SECRET), "--credential", "acme/payments");
        Result right = publish(Map.of("SWITCHBACK_SIGNING_SECRET", SECRET), "--credential", CREDENTIAL);

        assertThat(other.exitCode()).isNotZero();
        assertThat(right.exitCode()).as(right.output()).isZero();
        assertThat(listener.received()).extracting(Received::credential).containsExactly("acme/payments", CREDENTIAL);
    }

    @Test
    void unavailableTwiceThenAcceptedIsRetriedUntilItSucceeds() throws Exception {
        listener.answer(503, "{\"error\":\"Kafka unavailable\"}").answer(503, "{\"error\":\"Kafka unavailable\"}");

        Result result = publish(signed(Map.of()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("attempt 1/5", "attempt 2/5", "HTTP 503", "HTTP 202")
                .doesNotContain(SECRET);
        assertThat(listener.received()).hasSize(3).allSatisfy(r -> {
            assertThat(r.authenticated()).isTrue();
            assertThat(r.bodyText()).isEqualTo(BODY);
        });
    }

    @Test
    void everyRetryKeepsTheDeliveryAndIsSignedAfreshWithANewTimestamp() throws Exception {
        listener.answer(new Answer(503, "{\"error\":\"Kafka did not acknowledge\"}", "1", false));

        Result result = publish(signed(Map.of()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        List<Received> attempts = listener.received();
        assertThat(attempts).hasSize(2).allSatisfy(r -> assertThat(r.authenticated()).isTrue());
        assertThat(attempts.get(1).delivery()).as("one delivery for every attempt").isEqualTo(attempts.get(0).delivery());
        assertThat(attempts.get(1).epochSeconds()).as("re-signed after waiting Retry-After: 1")
                .isGreaterThan(attempts.get(0).epochSeconds());
        assertThat(attempts.get(1).signature()).isNotEqualTo(attempts.get(0).signature());
    }

    @Test
    void aRetryOfAnAcceptedDeliveryAnsweredDuplicateIsASuccess() throws Exception {
        Path githubOutput = dir.resolve("github-output");
        // the first attempt was written to Kafka, but its answer is lost in a 503
        listener.answer(new Answer(503, "{\"error\":\"timed out\"}", null, true));

        Result result = publish(signed(Map.of("GITHUB_OUTPUT", githubOutput.toString())));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("HTTP 200", "\"duplicate\"", "had already been accepted");
        assertThat(listener.received()).hasSize(2);
        assertThat(Files.readString(githubOutput)).contains("status=200", "event-id=" + BuildListenerStub.EVENT_ID);
    }

    @Test
    void rateLimitedIsRetriedAfterRetryAfter() throws Exception {
        listener.answer(new Answer(429, "{\"error\":\"rate limited\"}", "1", false));

        Result result = publish(signed(Map.of()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("HTTP 429", "retry after 1 s", "HTTP 202");
        List<Received> attempts = listener.received();
        assertThat(attempts).hasSize(2);
        assertThat(Duration.ofNanos(attempts.get(1).receivedNanos() - attempts.get(0).receivedNanos()))
                .as("--retry-delay is 0: only Retry-After made it wait").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void rateLimitedOnEveryAttemptGivesUpAtMaxAttempts() throws Exception {
        listener.answer(new Answer(429, "{\"error\":\"rate limited\"}", "0", false))
                .answer(new Answer(429, "{\"error\":\"rate limited\"}", "0", false));

        Result result = publish(signed(Map.of()), "--max-attempts", "2");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("gave up after 2 attempts", "HTTP 429");
        assertThat(listener.received()).hasSize(2);
    }

    @Test
    void aBadRequestIsNotRetriedAndItsErrorBodyIsPrinted() throws Exception {
        listener.answer(400, "{\"error\":\"commit must match ^[0-9a-f]{7,40}$\",\"field\":\"commit\"}");

        Result result = publish(signed(Map.of()));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("::error::", "HTTP 400", "\"field\":\"commit\"", "not retried")
                .doesNotContain(SECRET);
        assertThat(listener.received()).hasSize(1);
    }

    @Test
    void aForbiddenCredentialIsNotRetried() throws Exception {
        listener.answer(403, "{\"error\":\"acme/checkout may not deploy payments\"}");

        Result result = publish(signed(Map.of()));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("HTTP 403", "may not deploy payments", "not retried");
        assertThat(listener.received()).hasSize(1);
    }

    @Test
    void persistentServerErrorsGiveUpAfterTheLastAttempt() throws Exception {
        for (int i = 0; i < 3; i++) {
            listener.answer(500, "{\"error\":\"boom\"}");
        }

        Result result = publish(signed(Map.of()), "--max-attempts", "3");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("gave up after 3 attempts", "HTTP 500", "boom");
        assertThat(listener.received()).hasSize(3);
    }

    @Test
    void noAnswerAtAllIsRetriedAndThenFails() throws Exception {
        String url = listener.url();
        listener.close();

        Result result = ActionScript.publish().run(signed(Map.of()),
                "--url", url, "--path", "/v1/builds", "--body-file", body.toString(),
                "--max-attempts", "2", "--retry-delay", "0", "--timeout", "5");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("attempt 2/2: no answer", "never answered").doesNotContain(SECRET);
    }

    @Test
    void aMissingSecretOrCredentialFailsBeforeSendingAnything() throws Exception {
        Result noSecret = publish(Map.of("SWITCHBACK_CREDENTIAL", CREDENTIAL));
        Result noCredential = publish(Map.of("SWITCHBACK_SIGNING_SECRET", SECRET));

        assertThat(noSecret.exitCode()).isNotZero();
        assertThat(noSecret.output()).contains("SWITCHBACK_SIGNING_SECRET is empty");
        assertThat(noCredential.exitCode()).isNotZero();
        assertThat(noCredential.output()).contains("no credential").doesNotContain(SECRET);
        assertThat(listener.received()).isEmpty();
    }

    @Test
    void aGivenDeliveryIsSentAndAMalformedOneIsRefused() throws Exception {
        Result given = publish(signed(Map.of()), "--delivery", "ops:rollback-2024.05.01-1");
        Result malformed = publish(signed(Map.of()), "--delivery", "has space");

        assertThat(given.exitCode()).as(given.output()).isZero();
        assertThat(listener.received()).singleElement()
                .satisfies(r -> assertThat(r.delivery()).isEqualTo("ops:rollback-2024.05.01-1"));
        assertThat(malformed.exitCode()).isNotZero();
        assertThat(malformed.output()).contains("--delivery must match");
    }

    @Test
    void anyPathAndBodyCanBeSignedAndPosted() throws Exception {
        Path command = Files.writeString(dir.resolve("rollback.json"),
                "{\"environment\":\"staging\",\"service\":\"checkout\",\"reason\":\"errors\"}");

        Result result = ActionScript.publish().run(signed(Map.of()),
                "--url", listener.url() + "/", "--path", "/v1/commands/rollback", "--body-file", command.toString(),
                "--retry-delay", "0");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(listener.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/v1/commands/rollback");
            assertThat(request.authenticated()).isTrue();
            assertThat(request.bodyText()).isEqualTo(Files.readString(command));
        });
    }

    @Test
    void oidcSendsAFreshGitHubTokenAsBearerAndNoSignature() throws Exception {
        listener.answer(new Answer(503, "{\"error\":\"Kafka did not acknowledge\"}", "0", false));

        Result result = publish(oidc(Map.of()), "--auth", "oidc");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("HTTP 202").doesNotContain(REQUEST_TOKEN, BuildListenerStub.ID_TOKEN);
        assertThat(listener.tokenRequests()).as("a token for every attempt").hasSize(2).allSatisfy(request -> {
            assertThat(request.authorization()).isEqualTo("bearer " + REQUEST_TOKEN);
            assertThat(request.query()).isEqualTo("api-version=2.0&audience=switchback");
        });
        List<Received> attempts = listener.received();
        assertThat(attempts).hasSize(2).allSatisfy(r -> {
            assertThat(r.authorization()).isEqualTo("Bearer " + BuildListenerStub.ID_TOKEN);
            assertThat(r.authenticated()).isTrue();
            assertThat(r.delivery()).matches(DELIVERY).isEqualTo(attempts.get(0).delivery());
            assertThat(r.credential()).isNull();
            assertThat(r.timestamp()).isNull();
            assertThat(r.signature()).isNull();
        });
    }

    @Test
    void oidcAsksForTheConfiguredAudience() throws Exception {
        Result result = publish(oidc(Map.of()), "--auth", "oidc", "--audience", "switchback-staging");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(listener.tokenRequests()).singleElement()
                .satisfies(request -> assertThat(request.query()).endsWith("&audience=switchback-staging"));
    }

    @Test
    void oidcWithoutTheIdTokenPermissionFailsBeforeSendingAnything() throws Exception {
        Result result = publish(Map.of(), "--auth", "oidc");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("id-token: write");
        assertThat(listener.received()).isEmpty();
    }

    @Test
    void oidcFailsWhenTheRunnerRefusesTheToken() throws Exception {
        Result result = publish(Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", listener.tokenRequestUrl(),
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "stale-request-token"), "--auth", "oidc");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("could not get a GitHub Actions OIDC token")
                .doesNotContain("stale-request-token");
        assertThat(listener.received()).isEmpty();
    }

    private static Map<String, String> signed(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("SWITCHBACK_SIGNING_SECRET", SECRET);
        all.put("SWITCHBACK_CREDENTIAL", CREDENTIAL);
        return all;
    }

    private Map<String, String> oidc(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("ACTIONS_ID_TOKEN_REQUEST_URL", listener.tokenRequestUrl());
        all.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", REQUEST_TOKEN);
        return all;
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
