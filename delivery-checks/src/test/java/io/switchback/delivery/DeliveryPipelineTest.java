package io.switchback.delivery;

import static io.switchback.delivery.Workflows.jobs;
import static io.switchback.delivery.Workflows.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pipelines issue 5 asks for, as the workflow files declare them. */
class DeliveryPipelineTest {

    private static final Pattern CONFIG_OUTPUT = Pattern.compile("steps\\.config\\.outputs\\.([A-Z0-9_]+)");

    @Test
    void ciRunsBuildHelmAndActionlintInParallelOnPullRequestsAndMain() {
        Map<String, Object> ci = workflow("ci.yml");

        assertThat(map(ci.get("on"))).containsKeys("pull_request", "push");
        assertThat(map(map(ci.get("on")).get("push")).get("branches")).isEqualTo(List.of("main"));
        assertThat(map(ci.get("concurrency")).get("cancel-in-progress"))
                .isEqualTo("${{ github.event_name == 'pull_request' }}");
        assertThat(jobs(ci)).containsOnlyKeys("build", "helm", "actionlint");
        assertThat(jobs(ci).values()).allSatisfy(job -> assertThat(map(job)).doesNotContainKey("needs"));
        String text = RepositoryFiles.read(RepositoryFiles.resolve(".github/workflows/ci.yml"));
        assertThat(text).contains("./mvnw -B -ntp verify", "cache: maven", "reactor-checks/target/coverage/",
                "failsafe-reports", "helm lint --strict", "helm template", "WorkflowLintIT");
    }

    @Test
    void stagingDeploysAfterASuccessfulCiRunOnMain() {
        Map<String, Object> staging = workflow("staging-deploy.yml");

        Map<String, Object> trigger = map(map(staging.get("on")).get("workflow_run"));
        assertThat(trigger.get("workflows")).isEqualTo(List.of("CI"));
        assertThat(trigger.get("types")).isEqualTo(List.of("completed"));
        assertThat(trigger.get("branches")).isEqualTo(List.of("main"));
        assertThat(String.valueOf(map(jobs(staging).get("images")).get("if")))
                .contains("workflow_run.conclusion == 'success'");
        assertThat(RepositoryFiles.read(RepositoryFiles.resolve(".github/workflows/staging-deploy.yml")))
                .contains("bash scripts/deployment/build-all.sh --registry \"$REGISTRY\" --tag \"$COMMIT\"", "--push");
        assertThat(RepositoryFiles.read(RepositoryFiles.resolve("scripts/deployment/build-all.sh")))
                .contains("com.google.cloud.tools:jib-maven-plugin:$goal", "-Djib.to.image=");
        Map<String, Object> deploy = map(jobs(staging).get("deploy"));
        assertThat(deploy.get("uses")).isEqualTo("./.github/workflows/deploy-cluster.yml");
        assertThat(map(deploy.get("with"))).containsEntry("environment", "staging").containsEntry("cluster", "staging");
        assertThat(config("staging")).containsEntry("GKE_LOCATION", "us-central1-a");
        assertThat(jobs(staging)).containsKey("notify");
    }

    @Test
    void theClusterDeployRunsTheDeployScriptWithTheEnvironmentsSecrets() {
        String deploy = RepositoryFiles.read(RepositoryFiles.resolve(".github/workflows/deploy-cluster.yml"));

        // what the script does with them: DeployClusterScriptIT
        assertThat(deploy).contains("google-github-actions/get-gke-credentials@", "environment: ${{ inputs.environment }}",
                "SWITCHBACK_BUILD_LISTENER_TRUST: ${{ secrets.SWITCHBACK_BUILD_LISTENER_TRUST }}",
                "bash scripts/deployment/deploy-cluster.sh \"$CLUSTER\" \"$COMMIT\"");
    }

    @Test
    void aDeployAndARollbackOfSwitchbackNeverRunAtOnceInAnEnvironment() {
        assertThat(map(workflow("staging-deploy.yml").get("concurrency"))).containsEntry("group", "switchback-staging")
                .containsEntry("cancel-in-progress", false);
        assertThat(map(workflow("production-deploy.yml").get("concurrency")))
                .containsEntry("group", "switchback-production").containsEntry("cancel-in-progress", false);
        Map<String, Object> rollback = workflow("rollback.yml");
        assertThat(map(map(jobs(rollback).get("switchback")).get("concurrency")))
                .containsEntry("group", "switchback-${{ inputs.environment }}");
        assertThat(rollback).as("an application's rollback does not queue behind Switchback's")
                .doesNotContainKey("concurrency");
    }

    @Test
    void noPipelineUsesTheRetiredSharedSecret() {
        for (Path file : Stream.concat(Workflows.workflowFiles().stream(), Workflows.actionFiles().stream()).toList()) {
            assertThat(RepositoryFiles.read(file)).as(file.toString())
                    .doesNotContain("SWITCHBACK_HMAC_SECRET", "switchback-hmac-secret", "switchback-build-listener-hmac");
        }
    }

    @Test
    void productionDeploysThePrimaryClusterFirstAndTheFailoverOnlyAfterIt() {
        Map<String, Object> production = workflow("production-deploy.yml");

        assertThat(map(production.get("on"))).containsKeys("workflow_dispatch", "release");
        Map<String, Object> primary = map(jobs(production).get("primary"));
        Map<String, Object> failover = map(jobs(production).get("failover"));
        assertThat(map(primary.get("with"))).containsEntry("environment", "production")
                .containsEntry("cluster", "production-primary");
        assertThat(map(failover.get("with"))).containsEntry("environment", "production")
                .containsEntry("cluster", "production-failover");
        assertThat(String.valueOf(failover.get("needs"))).contains("primary");
        assertThat(config("production-primary")).containsEntry("GKE_LOCATION", "us-central1");
        assertThat(config("production-failover")).containsEntry("GKE_LOCATION", "us-east1");
    }

    @Test
    void rollbackSendsACommandSignedAsTheOperatorOrRollsSwitchbackItselfBackWithHelm() {
        Map<String, Object> rollback = workflow("rollback.yml");

        assertThat(map(map(map(rollback.get("on")).get("workflow_dispatch")).get("inputs")))
                .containsKeys("service", "environment", "reason");
        String text = RepositoryFiles.read(RepositoryFiles.resolve(".github/workflows/rollback.yml"));
        assertThat(text).contains("publish-build-event/publish.sh", "--path /v1/commands/rollback",
                "event-body.sh rollback", "helm -n \"$NAMESPACE\" rollback switchback",
                "${{ secrets.SWITCHBACK_OPERATOR_SECRET }}", "--credential \"$OPERATOR\"", "$GITHUB_ACTOR")
                .as("the server takes requestedBy from the operator credential").doesNotContain("--requested-by");
        assertThat(map(jobs(rollback).get("service"))).as("an emergency waits for no reviewer")
                .containsEntry("environment", "${{ inputs.environment }}-rollback");
        assertThat(map(jobs(rollback).get("switchback"))).containsEntry("environment", "${{ inputs.environment }}");
    }

    @Test
    void theRollbackDrillShipsAFaultyBuildToStagingWeeklyAndSaysWhenItFailed() {
        Map<String, Object> drill = workflow("rollback-drill.yml");

        assertThat(map(drill.get("on"))).containsKeys("schedule", "workflow_dispatch");
        Map<String, Object> job = map(jobs(drill).get("drill"));
        assertThat(job).containsEntry("environment", "staging");
        String text = RepositoryFiles.read(RepositoryFiles.resolve(".github/workflows/rollback-drill.yml"));
        // the drill itself: RollbackDrillIT runs the same script against the sandbox
        assertThat(text).contains("bash scripts/drill/build-drill-images.sh", "bash scripts/drill/rollback-drill.sh",
                "--healthy-image \"$HEALTHY\"", "--rto 60", "SWITCHBACK_SIGNING_SECRET: ${{ secrets.SWITCHBACK_DRILL_SIGNING_SECRET }}",
                "bash .github/scripts/notify.sh");
        assertThat(Workflows.list(job.get("steps"))).anySatisfy(step -> assertThat(step.get("if")).isEqualTo("failure()"));
        assertThat(config("staging")).containsKeys("SWITCHBACK_CONSOLE_URL", "SWITCHBACK_DRILL_IMAGE");
        assertThat(config("production-primary")).containsEntry("SWITCHBACK_DRILL_IMAGE", "");
    }

    @Test
    void everyDeployConfigDefinesWhatTheWorkflowsRead() {
        Set<String> read = new HashSet<>();
        for (Path file : Workflows.workflowFiles()) {
            Matcher output = CONFIG_OUTPUT.matcher(RepositoryFiles.read(file));
            while (output.find()) {
                read.add(output.group(1));
            }
        }
        assertThat(read).contains("GCP_WORKLOAD_IDENTITY_PROVIDER", "GKE_CLUSTER", "SWITCHBACK_URL");
        for (String cluster : List.of("staging", "production-primary", "production-failover")) {
            Map<String, String> config = config(cluster);
            assertThat(config).as(cluster).containsKeys(read.toArray(String[]::new));
            assertThat(RepositoryFiles.resolve(config.get("HELM_VALUES"))).as(cluster).isRegularFile();
        }
    }

    @Test
    void theReusableReleaseWorkflowGatesCoverageAtEightyByDefault() {
        Map<String, Object> release = workflow("service-release.yml");

        Map<String, Object> call = map(map(release.get("on")).get("workflow_call"));
        assertThat(map(map(call.get("inputs")).get("coverage-threshold"))).containsEntry("default", 80);
        assertThat(map(call.get("secrets"))).containsOnlyKeys("switchback-signing-secret", "registry-password",
                "switchback-operator-secret");
        assertThat(map(map(call.get("inputs")).get("load-test-vus"))).containsEntry("default", 1000);
        assertThat(map(map(call.get("inputs")).get("load-test-p95-ms"))).containsEntry("default", 100);
        assertThat(map(map(call.get("inputs")).get("switchback-auth"))).containsEntry("default", "hmac");
        assertThat(jobs(release)).containsKeys("test", "image", "publish");
        assertThat(map(map(jobs(release).get("publish")).get("permissions"))).as("auth oidc needs the token")
                .containsEntry("id-token", "write");
        String text = RepositoryFiles.read(RepositoryFiles.resolve(".github/workflows/service-release.yml"));
        // the gates themselves: ExampleServicesIT runs the script on the three example services
        assertThat(text).contains("scripts/release/test-with-coverage.sh\" \"$LANGUAGE\" \"$COVERAGE_THRESHOLD\"",
                "uses: ./.switchback-release/.github/actions/publish-build-event",
                // the load gate waits for its build in staging, then reports (LoadGateScriptIT, RollbackDrillIT)
                "wait-for-build.sh --console \"$CONSOLE_URL\" --build \"$BUILD\"", "--until \"switched,stable\"",
                "scripts/release/load-gate.sh", "zaproxy/action-baseline@");
        assertThat(String.valueOf(map(jobs(release).get("staging")).get("needs"))).contains("publish");
    }

    @Test
    void theExamplesCallTheReusableWorkflowWithItsInputs() {
        Map<String, Object> call = map(map(workflow("service-release.yml").get("on")).get("workflow_call"));
        Set<String> inputs = map(call.get("inputs")).keySet();
        for (String language : List.of("python", "typescript", "rust")) {
            Map<String, Object> example = Workflows.parse(
                    RepositoryFiles.resolve("examples/" + language + "/.github/workflows/release.yml"));
            Map<String, Object> job = map(jobs(example).get("release"));
            assertThat(String.valueOf(job.get("uses"))).as(language)
                    .startsWith("switchback-io/switchback/.github/workflows/service-release.yml@");
            assertThat(inputs).as(language).containsAll(map(job.get("with")).keySet());
            assertThat(map(job.get("with"))).as(language).containsEntry("language", language)
                    .containsKeys("service", "image-name", "switchback-url");
            assertThat(map(job.get("permissions"))).as(language).containsEntry("id-token", "write");
            assertThat(map(job.get("with"))).as("%s sends its builds to staging; production gets promotions only",
                    language).containsEntry("switchback-url", config("staging").get("SWITCHBACK_URL"));
            assertThat(map(job.get("with"))).as("%s runs the load gate production's promotion waits for", language)
                    .containsKeys("staging-url", "console-url", "switchback-operator");
            assertThat(map(job.get("secrets"))).as(language).containsKey("switchback-operator-secret");
            boolean oidc = "oidc".equals(map(job.get("with")).get("switchback-auth"));
            assertThat(oidc || map(job.get("secrets")).containsKey("switchback-signing-secret"))
                    .as("%s signs with its own secret or authenticates with OIDC", language).isTrue();
        }
    }

    private static Map<String, Object> workflow(String name) {
        return Workflows.parse(RepositoryFiles.resolve(".github/workflows/" + name));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, String> config(String cluster) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(RepositoryFiles.read(RepositoryFiles.resolve("deploy/" + cluster + ".env"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (Map) properties;
    }
}
