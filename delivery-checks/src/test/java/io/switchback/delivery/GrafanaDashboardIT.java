package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The chart's Grafana dashboard: off by default; on, a ConfigMap the dashboard sidecar loads, whose every query uses
 * only metrics the services export (docs/operations.md), so no panel stays empty for want of a metric.
 */
class GrafanaDashboardIT {

    private static final Pattern METRIC = Pattern.compile("\\b((?:switchback|kafka)_[a-z_]+)\\b");
    private static final Pattern SUFFIX = Pattern.compile("_(bucket|sum|count|max)$");

    @Test
    void isAConfigMapForTheSidecarWhoseQueriesUseOnlyExportedMetrics() throws Exception {
        assertThat(RenderedChart.render(command -> command).all(ConfigMap.class))
                .noneMatch(c -> c.getMetadata().getName().endsWith("-dashboard"));

        ConfigMap dashboard = RenderedChart.render(command -> command.set("metrics.grafanaDashboard.enabled", "true"))
                .named(ConfigMap.class, "switchback-dashboard");

        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        JsonNode json = new ObjectMapper().readTree(dashboard.getData().get("switchback.json"));
        Set<String> used = new TreeSet<>();
        for (JsonNode panel : json.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = METRIC.matcher(target.get("expr").asString());
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        String documented = RepositoryFiles.read(RepositoryFiles.resolve("docs/operations.md"));
        assertThat(used).allSatisfy(metric -> assertThat(documented)
                .as("%s is one of the metrics docs/operations.md says the services export", metric)
                .contains("`" + (metric.startsWith("kafka_") ? metric : SUFFIX.matcher(metric).replaceFirst("")) + "`"));
        assertThat(used).contains("switchback_rollback_duration_seconds_bucket", "switchback_rollbacks_total",
                "switchback_health_verdicts_total", "switchback_rollout_duration_seconds_sum",
                "switchback_dead_letters_total", "kafka_consumer_fetch_manager_records_lag_max");
    }
}
