package io.switchback.delivery;

import static io.switchback.delivery.Workflows.jobs;
import static io.switchback.delivery.Workflows.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rules every workflow and action follows: least privilege, actions pinned to commits, bounded jobs, real scripts. */
class WorkflowPolicyTest {

    /** This repository's actions: by path here, or from the release checked out beside a caller's files. */
    private static final Pattern OWN_ACTION = Pattern.compile(
            "(\\./|\\./\\.switchback-release/|switchback-io/switchback/)\\.github/actions/([a-z-]+)(@.+)?");
    private static final Pattern OWN_WORKFLOW = Pattern.compile(
            "(\\./|switchback-io/switchback/)(\\.github/workflows/[\\w.-]+\\.yml)(@.+)?");
    /** A script a step runs: beside its action, in this repository, or in the release checked out beside a caller's. */
    private static final Pattern SCRIPT = Pattern.compile(
            "bash \"?(\\$GITHUB_ACTION_PATH/)?(?:(?:\\$GITHUB_WORKSPACE/)?\\.switchback-release/)?([\\w./-]+\\.sh)");

    @Test
    void everyWorkflowGrantsLeastPrivilegeExplicitly() {
        for (Path file : Workflows.workflowFiles()) {
            Map<String, Object> workflow = Workflows.parse(file);
            assertThat(workflow).as("%s declares top-level permissions", file).containsKey("permissions");
            assertThat(workflow.get("permissions")).as(file.toString()).isNotEqualTo("write-all");
            for (var job : jobs(workflow).entrySet()) {
                Object permissions = map(job.getValue()).get("permissions");
                assertThat(permissions).as("%s job %s", file, job.getKey()).isNotEqualTo("write-all");
                map(permissions instanceof Map ? permissions : null).forEach((scope, access) ->
                        assertThat(scope + ":" + access).as("%s job %s", file, job.getKey())
                                .isIn("contents:read", "id-token:write", "packages:write",
                                        // code scanning's uploads (security.yml)
                                        "security-events:write",
                                        // the release tags, and nowhere else (release.yml)
                                        file.endsWith("release.yml") && file.getParent().getParent().getParent()
                                                .equals(RepositoryFiles.root()) ? "contents:write" : "contents:read"));
            }
        }
    }

    @Test
    void callersGrantTheirReusableWorkflowsThePermissionsTheyNeed() {
        int calls = 0;
        for (Path file : Workflows.workflowFiles()) {
            Map<String, Object> workflow = Workflows.parse(file);
            for (var job : jobs(workflow).entrySet()) {
                Matcher uses = OWN_WORKFLOW.matcher(String.valueOf(map(job.getValue()).get("uses")));
                if (!uses.matches()) {
                    continue;
                }
                calls++;
                Object granted = map(job.getValue()).getOrDefault("permissions", workflow.get("permissions"));
                Map<String, Object> called = Workflows.parse(RepositoryFiles.resolve(uses.group(2)));
                jobs(called).values().forEach(calledJob -> map(map(calledJob).get("permissions")).forEach(
                        (scope, access) -> assertThat(map(granted).get(scope))
                                .as("%s job %s must grant %s: %s to %s", file, job.getKey(), scope, access, uses.group())
                                .isIn("write".equals(access) ? List.of("write") : List.of("read", "write"))));
            }
        }
        assertThat(calls).as("calls of this repository's reusable workflows").isGreaterThanOrEqualTo(6);
    }

    @Test
    void thirdPartyActionsArePinnedToACommitWithTheirVersion() {
        List<Path> files = Stream.concat(Workflows.workflowFiles().stream(), Workflows.actionFiles().stream()).toList();
        assertThat(allUses().filter(ref -> !ref.startsWith("./") && !ref.startsWith("switchback-io/")).count())
                .as("third-party actions used").isGreaterThanOrEqualTo(20);

        for (Path file : files) {
            assertThat(PinnedActions.violations(RepositoryFiles.read(file))).as("%s", file).isEmpty();
        }
    }

    @Test
    void thePinningRuleRefusesTagsBranchesAndUncommentedCommits() {
        String workflow = """
                steps:
                  - uses: actions/checkout@v4
                  - uses: dtolnay/rust-toolchain@master
                  - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020
                  - uses: docker://alpine:3.20
                  - uses: actions/setup-java@c5195efecf7bdfc987ee8bae7a71cb8b11521c00 # v4.7.1
                  - uses: github/codeql-action/init@3599b3baa15b485a2e49ef411a7a4bb2452e7f93 # v3.30.5
                  - uses: ./.github/actions/publish-build-event
                """;

        assertThat(PinnedActions.violations(workflow)).containsExactly(
                "line 2: actions/checkout@v4: must be pinned to a full 40-character commit SHA, not a tag or branch",
                "line 3: dtolnay/rust-toolchain@master: must be pinned to a full 40-character commit SHA, not a tag or branch",
                "line 4: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020: the commit needs its version in a "
                        + "comment, e.g. # v4.3.1",
                "line 5: docker://alpine:3.20: a container must be pinned by its digest (@sha256:...)");
    }

    @Test
    void everyJobThatRunsHasATimeout() {
        for (Path file : Workflows.workflowFiles()) {
            jobs(Workflows.parse(file)).forEach((name, job) -> {
                if (map(job).containsKey("runs-on")) {
                    assertThat(map(job)).as("%s job %s", file, name).containsKey("timeout-minutes");
                }
            });
        }
    }

    @Test
    void googleCloudIsReachedThroughWorkloadIdentityFederationOnly() {
        List<Map<String, Object>> auth = Workflows.workflowFiles().stream().map(Workflows::parse)
                .flatMap(Workflows::steps)
                .filter(step -> String.valueOf(step.get("uses")).startsWith("google-github-actions/auth@"))
                .toList();

        assertThat(auth).isNotEmpty().allSatisfy(step -> assertThat(map(step.get("with")))
                .containsKeys("workload_identity_provider", "service_account")
                .doesNotContainKey("credentials_json"));
        assertThat(Workflows.workflowFiles()).allSatisfy(file ->
                assertThat(RepositoryFiles.read(file)).doesNotContain("credentials_json", "GOOGLE_CREDENTIALS"));
    }

    @Test
    void everyJobThatTakesACloudIdentityRunsInAnEnvironment() {
        int jobs = 0;
        for (Path file : Workflows.workflowFiles()) {
            for (var job : jobs(Workflows.parse(file)).entrySet()) {
                boolean authenticates = Workflows.list(map(job.getValue()).get("steps")).stream()
                        .anyMatch(step -> String.valueOf(step.get("uses")).startsWith("google-github-actions/auth@"));
                if (authenticates) {
                    jobs++;
                    // Google Cloud trusts a token by its environment claim (docs/operations.md): a job without one
                    // would get no account, or, bound by repository alone, any account without a reviewer
                    assertThat(String.valueOf(map(job.getValue()).get("environment")))
                            .as("%s job %s names its GitHub environment", file, job.getKey())
                            .matches("staging|production|\\$\\{\\{ inputs\\.environment }}");
                }
            }
        }
        assertThat(jobs).as("jobs that authenticate to Google Cloud").isGreaterThanOrEqualTo(3);
    }

    @Test
    void ownActionsAreCalledWithTheirDeclaredInputs() {
        List<Map<String, Object>> calls = Workflows.workflowFiles().stream().map(Workflows::parse)
                .flatMap(Workflows::steps)
                .filter(step -> OWN_ACTION.matcher(String.valueOf(step.get("uses"))).matches())
                .toList();

        assertThat(calls).extracting(call -> call.get("uses"))
                .contains("./.switchback-release/.github/actions/publish-build-event");
        for (Map<String, Object> call : calls) {
            Matcher name = OWN_ACTION.matcher(String.valueOf(call.get("uses")));
            assertThat(name.matches()).isTrue();
            Path file = RepositoryFiles.resolve(".github/actions/" + name.group(2) + "/action.yml");
            assertThat(file).as("the called action exists").isRegularFile();
            Map<String, Object> inputs = map(Workflows.parse(file).get("inputs"));
            Set<String> required = inputs.entrySet().stream()
                    .filter(input -> Boolean.TRUE.equals(map(input.getValue()).get("required"))
                            && !map(input.getValue()).containsKey("default"))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            assertThat(inputs.keySet()).as("inputs of %s", file).containsAll(map(call.get("with")).keySet());
            assertThat(map(call.get("with")).keySet()).as("required inputs of %s", file).containsAll(required);
        }
    }

    @Test
    void everyScriptAWorkflowOrActionRunsExistsAndIsExecutable() {
        List<Path> files = Stream.concat(Workflows.workflowFiles().stream(), Workflows.actionFiles().stream()).toList();
        int scripts = 0;
        for (Path file : files) {
            Matcher script = SCRIPT.matcher(RepositoryFiles.read(file));
            while (script.find()) {
                Path base = script.group(1) != null ? file.getParent() : RepositoryFiles.root();
                Path path = base.resolve(script.group(2));
                assertThat(path).as("%s runs %s", file, script.group()).isRegularFile();
                assertThat(Files.isExecutable(path)).as("%s is executable", path).isTrue();
                scripts++;
            }
        }
        assertThat(scripts).as("scripts found").isGreaterThanOrEqualTo(14);
    }

    @Test
    void secretsNeverReachACommandLine() {
        for (Path file : Stream.concat(Workflows.workflowFiles().stream(), Workflows.actionFiles().stream()).toList()) {
            Workflows.steps(file.getFileName().toString().startsWith("action")
                            ? Workflows.asWorkflow(Workflows.parse(file)) : Workflows.parse(file))
                    .map(step -> String.valueOf(step.getOrDefault("run", "")))
                    .forEach(run -> assertThat(run).as("%s: secrets go through env, not into scripts", file)
                            .doesNotContain("secrets.", "inputs.secret"));
        }
    }

    private static Stream<String> allUses() {
        Stream<String> jobUses = Workflows.workflowFiles().stream().map(Workflows::parse)
                .flatMap(workflow -> jobs(workflow).values().stream())
                .map(job -> map(job).get("uses")).filter(java.util.Objects::nonNull).map(String::valueOf);
        Stream<String> stepUses = Stream.concat(Workflows.workflowFiles().stream().map(Workflows::parse),
                        Workflows.actionFiles().stream().map(file -> Workflows.asWorkflow(Workflows.parse(file))))
                .flatMap(Workflows::steps)
                .map(step -> step.get("uses")).filter(java.util.Objects::nonNull).map(String::valueOf);
        return Stream.concat(jobUses, stepUses);
    }
}
