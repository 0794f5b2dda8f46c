package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.switchback.testkit.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart's alerting rules, as rendered for production, through Prometheus' own checker and its unit tests. */
class PrometheusRulesIT {

    @Test
    void theRenderedRulesPassPromtool(@TempDir Path dir) throws Exception {
        Path promtool = RequiredTool.require("promtool");
        Path rules = renderedRules(dir);

        Command.Result result = Command.run(List.of(promtool.toString(), "check", "rules", rules.toString()), "", Map.of());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void theAlertsFireWhenTheyShouldAndOnlyThen(@TempDir Path dir) throws Exception {
        Path promtool = RequiredTool.require("promtool");
        renderedRules(dir);
        Path tests = Files.copy(RepositoryFiles.resolve("charts/switchback/tests/prometheus-rules-test.yaml"),
                dir.resolve("prometheus-rules-test.yaml"));

        Command.Result result = Command.run(List.of(promtool.toString(), "test", "rules", tests.toString()), "", Map.of());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    /** The production rendering's rule groups, as the rule file promtool reads: rules.yaml in {@code dir}. */
    private static Path renderedRules(Path dir) throws java.io.IOException {
        var rule = (GenericKubernetesResource) ChartRenderingIT.renderings().get(1).ofKind("PrometheusRule").get(0);
        List<Object> groups = rule.get("spec", "groups");
        return Files.writeString(dir.resolve("rules.yaml"), Serialization.asYaml(Map.of("groups", groups)));
    }
}
