package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.delivery.Actionlint.Finding;
import io.switchback.delivery.Actionlint.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** actionlint over every workflow, the example callers and the composite action: zero findings. */
class WorkflowLintIT {

    @Test
    void everyWorkflowAndExampleHasNoFindings() throws Exception {
        List<Source> sources = new ArrayList<>();
        for (Path file : Workflows.workflowFiles()) {
            sources.add(new Source(relative(file), RepositoryFiles.read(file)));
        }
        assertThat(sources).extracting(Source::path).contains(
                ".github/workflows/ci.yml", ".github/workflows/staging-deploy.yml",
                ".github/workflows/production-deploy.yml", ".github/workflows/rollback.yml",
                ".github/workflows/service-release.yml", ".github/workflows/deploy-cluster.yml",
                "examples/python/.github/workflows/release.yml", "examples/typescript/.github/workflows/release.yml",
                "examples/rust/.github/workflows/release.yml");

        List<Finding> findings = Actionlint.require().lint(sources);

        assertThat(findings).as("actionlint findings:%n%s", lines(findings)).isEmpty();
    }

    /**
     * actionlint has no mode for action metadata: a composite action's steps are linted as the steps of a
     * workflow_call job whose inputs are the action's inputs, so expressions, contexts and step syntax
     * are checked all the same.
     */
    @Test
    void everyCompositeActionsStepsHaveNoFindings() throws Exception {
        List<Source> sources = new ArrayList<>();
        for (Path file : Workflows.actionFiles()) {
            Map<String, Object> action = Workflows.parse(file);
            assertThat(Workflows.map(action.get("runs")).get("using")).as(relative(file)).isEqualTo("composite");
            sources.add(new Source(relative(file) + " (steps as a workflow)", Workflows.dump(Workflows.asWorkflow(action))));
        }
        assertThat(sources).isNotEmpty();

        List<Finding> findings = Actionlint.require().lint(sources);

        assertThat(findings).as("actionlint findings:%n%s%n%s", lines(findings), sources).isEmpty();
    }

    @Test
    void actionlintReallyReportsABrokenWorkflow() throws Exception {
        String broken = """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "${{ steps.nope.outputs.x }}"
                """;

        List<Finding> findings = Actionlint.require().lint(List.of(new Source("broken.yml", broken)));

        assertThat(findings).extracting(Finding::kind).contains("expression");
    }

    private static String relative(Path file) {
        return RepositoryFiles.root().relativize(file).toString().replace('\\', '/');
    }

    private static String lines(List<Finding> findings) {
        return String.join(System.lineSeparator(), findings.stream().map(Finding::toString).toList());
    }
}
