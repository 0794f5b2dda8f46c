package io.switchback.buildlistener.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchback.buildlistener.BuildListenerProperties;
import io.switchback.events.EventJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WorkflowRunsTest {

    private static final String SHA = "7f3a9c1d2e3f405162738495a6b7c8d9e0f1a2b3";
    private final WorkflowRuns runs = new WorkflowRuns(List.of(new BuildListenerProperties.Workflow("Acme/Shop",
            "release.yml", List.of("main"), List.of("cart", "checkout"),
            "ghcr.io/{owner}/{repo}-{service}:{short_sha}-{run_id}.{run_attempt}")));

    @Test
    void aSuccessfulRunOfAMappedWorkflowIsABuildPerService() {
        WorkflowRuns.Mapped mapped = runs.map(run("completed", "success", "Acme/Shop", "Acme/Shop",
                ".github/workflows/release.yml", "main"));

        assertThat(mapped.builds()).hasSize(2);
        JsonNode cart = mapped.builds().get(0);
        assertThat(cart.get("service").asString()).isEqualTo("cart");
        assertThat(cart.get("image").asString()).isEqualTo("ghcr.io/acme/shop-cart:7f3a9c1-4242.2");
        assertThat(cart.get("commit").asString()).isEqualTo(SHA);
        assertThat(cart.get("workflowRunId").asLong()).isEqualTo(4242);
        assertThat(cart.get("runAttempt").asInt()).isEqualTo(2);
        assertThat(cart.get("repository").asString()).isEqualTo("Acme/Shop");
    }

    @Test
    void aRunThatStandsForNoBuildSaysWhy() {
        assertThat(runs.map(run("requested", "", "Acme/Shop", "Acme/Shop", "release.yml", "main")).reason())
                .contains("only a completed run deploys");
        assertThat(runs.map(run("completed", "failure", "Acme/Shop", "Acme/Shop", "release.yml", "main")).reason())
                .contains("the run concluded failure");
        assertThat(runs.map(run("completed", "success", "Acme/Shop", "mallory/Shop", "release.yml", "main")).reason())
                .contains("mallory/Shop's code");
        assertThat(runs.map(run("completed", "success", "Acme/Shop", "Acme/Shop", "release.yml", "dev")).reason())
                .contains("maps to no service");
        assertThat(runs.map(run("completed", "success", "Acme/Shop", "Acme/Shop", "lint.yml", "main")).builds()).isEmpty();
    }

    @Test
    void aMappingThatCannotWorkStopsStartUp() {
        assertThatThrownBy(() -> new WorkflowRuns(List.of(new BuildListenerProperties.Workflow("acme/shop", "r.yml",
                List.of("main"), List.of("cart"), "ghcr.io/{owner}/{sha}"))))
                .hasMessageStartingWith("switchback.build-listener.github.workflows[0].image has {sha}");
        assertThatThrownBy(() -> new WorkflowRuns(List.of(new BuildListenerProperties.Workflow("acme/shop", "r.yml",
                List.of(), List.of("cart"), "ghcr.io/x"))))
                .hasMessageStartingWith("switchback.build-listener.github.workflows[0].branches");
    }

    private static JsonNode run(String action, String conclusion, String repository, String headRepository,
            String path, String branch) {
        return EventJson.mapper().readTree("""
                {"action":"%s","workflow_run":{"id":4242,"run_attempt":2,"name":"Release","path":"%s",
                 "head_branch":"%s","head_sha":"%s","conclusion":"%s","head_repository":{"full_name":"%s"}},
                 "repository":{"full_name":"%s"}}""".formatted(action, path, branch, SHA, conclusion, headRepository,
                repository));
    }
}
