package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.delivery.Command.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The action's body builder ({@code event-body.sh}) speaks the build-listener's request contract. */
class EventBodyScriptIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void buildsABuildEventWithANumericRunIdAndEscapedText() throws Exception {
        Result result = ActionScript.eventBody().run(Map.of(), "build", "--service", "checkout",
                "--image", "registry.example/checkout:7f3a9c1", "--commit", "7f3a9c1", "--branch", "feat/\"quoted\"",
                "--repository", "acme/checkout", "--workflow-run-id", "9876543210", "--run-attempt", "2", "--conclusion", "success");

        assertThat(result.exitCode()).as(result.output()).isZero();
        JsonNode body = JSON.readTree(result.output());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("service", "image", "commit", "branch",
                "repository", "workflowRunId", "runAttempt", "conclusion");
        assertThat(body.get("workflowRunId").isIntegralNumber()).isTrue();
        assertThat(body.get("workflowRunId").asLong()).isEqualTo(9876543210L);
        assertThat(body.get("runAttempt").asInt()).isEqualTo(2);
        assertThat(body.get("branch").asString()).isEqualTo("feat/\"quoted\"");
        assertThat(body.get("conclusion").asString()).isEqualTo("success");
    }

    @Test
    void buildsARollbackCommand() throws Exception {
        Result result = ActionScript.eventBody().run(Map.of(), "rollback", "--environment", "production",
                "--service", "checkout", "--reason", "payments fail\n\"503\" everywhere", "--requested-by", "octocat");

        assertThat(result.exitCode()).as(result.output()).isZero();
        JsonNode body = JSON.readTree(result.output());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("environment", "service", "reason", "requestedBy");
        assertThat(body.get("reason").asString()).isEqualTo("payments fail\n\"503\" everywhere");
    }

    @Test
    void aRollbackCommandMayLeaveRequestedByToTheOperatorCredential() throws Exception {
        Result result = ActionScript.eventBody().run(Map.of(), "rollback", "--environment", "staging",
                "--service", "checkout", "--reason", "errors [GitHub: octocat, run 42]");

        assertThat(result.exitCode()).as(result.output()).isZero();
        JsonNode body = JSON.readTree(result.output());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("environment", "service", "reason");
        assertThat(body.get("reason").asString()).isEqualTo("errors [GitHub: octocat, run 42]");
    }

    @Test
    void refusesAMissingFieldAnUnknownOptionOrANonNumericRunId() throws Exception {
        Result missing = ActionScript.eventBody().run(Map.of(), "rollback", "--environment", "staging",
                "--service", "checkout", "--requested-by", "octocat");
        Result unknown = ActionScript.eventBody().run(Map.of(), "rollback", "--environment", "staging",
                "--service", "checkout", "--reason", "r", "--approved-by", "octocat");
        Result notANumber = ActionScript.eventBody().run(Map.of(), "build", "--service", "s", "--image", "i",
                "--commit", "abcdef1", "--branch", "main", "--repository", "a/b", "--workflow-run-id", "12a",
                "--run-attempt", "1", "--conclusion", "success");

        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.output()).contains("--reason is required");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.output()).contains("unknown option --approved-by");
        assertThat(notANumber.exitCode()).isNotZero();
        assertThat(notANumber.output()).contains("--workflow-run-id must be a number");
    }
}
