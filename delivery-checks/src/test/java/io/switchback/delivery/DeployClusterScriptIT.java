package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.delivery.Command.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/deployment/deploy-cluster.sh}, which deploy-cluster.yml and deploy-staging.sh run, against
 * stand-ins for kubectl and helm that record every call and what was piped into it.
 */
class DeployClusterScriptIT {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String TRUST = """
            switchback:
              build-listener:
                operators:
                  - identity: github-rollback-workflow
                    secrets: ["a-secret-that-must-never-be-an-argument-0123"]
            """;
    private static final String STAGING_CONTEXT = "gke_switchback-staging_us-central1-a_switchback-staging";

    @TempDir
    Path bin;

    @Test
    void writesTheSecretsThroughStdinAndInstallsTheCommitsImages() throws Exception {
        Result result = deploy("staging", STAGING_CONTEXT, Map.of("SWITCHBACK_BUILD_LISTENER_TRUST", TRUST));

        assertThat(result.exitCode()).as(result.output()).isZero();
        String calls = Files.readString(bin.resolve("calls.log"));
        assertThat(calls).doesNotContain("a-secret-that-must-never-be-an-argument");
        assertThat(result.output()).doesNotContain("a-secret-that-must-never-be-an-argument");
        assertThat(Files.readString(bin.resolve("stdin.log"))).contains("a-secret-that-must-never-be-an-argument-0123");
        assertThat(calls).contains("kubectl --context " + STAGING_CONTEXT + " -n switchback create secret generic "
                        + "switchback-build-listener-trust --from-file=trust.yml=/dev/stdin")
                .contains("helm --kube-context " + STAGING_CONTEXT + " upgrade --install switchback charts/switchback "
                        + "--namespace switchback --values charts/switchback/values-staging.yaml "
                        + "--set image.registry=us-central1-docker.pkg.dev/switchback-shared/switchback "
                        + "--set image.tag=" + COMMIT)
                .contains("--atomic --wait")
                .contains("--set drillWorkload.enabled=true --set drillWorkload.image="
                        + "us-central1-docker.pkg.dev/switchback-shared/switchback/switchback-drill:healthy")
                .doesNotContain("switchback-kafka ");
        for (String service : List.of("build-listener", "deployer", "health-monitor", "rollback-controller", "console")) {
            assertThat(calls).contains("rollout status deployment/switchback-" + service);
        }
    }

    @Test
    void aProductionClusterSwitchesWithTheOthersItNames() throws Exception {
        Result result = deploy("production-primary", "any", Map.of("SWITCHBACK_BUILD_LISTENER_TRUST", TRUST,
                "KAFKA_SASL_JAAS_CONFIG", "ScramLoginModule required password=\"kafka-password-0123\";"),
                "--context", "prod-admin");

        assertThat(result.exitCode()).as(result.output()).isZero();
        String calls = Files.readString(bin.resolve("calls.log"));
        assertThat(calls).contains("helm --kube-context prod-admin upgrade")
                .contains("--set cluster=us-central1 --set releases.switchAfter= --set releases.switchWith[0]=us-east1")
                .contains("create secret generic switchback-kafka --from-file=sasl.jaas.config=/dev/stdin")
                .doesNotContain("kafka-password-0123", "drillWorkload");
    }

    @Test
    void refusesAnotherClustersContextAndAMissingTrustFileBeforeWritingAnything() throws Exception {
        Result elsewhere = deploy("staging", "gke_switchback-prod_us-central1_switchback-prod-us-central1",
                Map.of("SWITCHBACK_BUILD_LISTENER_TRUST", TRUST));

        assertThat(elsewhere.exitCode()).isEqualTo(1);
        assertThat(elsewhere.stderr()).contains("not staging's (" + STAGING_CONTEXT + ")");
        assertThat(Files.readString(bin.resolve("calls.log"))).doesNotContain("apply", "helm");

        Result noTrust = deploy("staging", STAGING_CONTEXT, Map.of());
        assertThat(noTrust.exitCode()).isEqualTo(1);
        assertThat(noTrust.stderr()).contains("SWITCHBACK_BUILD_LISTENER_TRUST is not set");
        assertThat(Files.readString(bin.resolve("calls.log"))).doesNotContain("apply", "helm");
    }

    private Result deploy(String cluster, String currentContext, Map<String, String> secrets, String... options)
            throws Exception {
        stub("kubectl");
        stub("helm");
        Map<String, String> env = new HashMap<>(secrets);
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("FAKE_CONTEXT", currentContext);
        env.put("CALLS", bin.resolve("calls.log").toString());
        env.put("STDIN", bin.resolve("stdin.log").toString());
        Files.writeString(bin.resolve("calls.log"), "");
        Files.writeString(bin.resolve("stdin.log"), "");
        List<String> command = new java.util.ArrayList<>(List.of("bash",
                RepositoryFiles.resolve("scripts/deployment/deploy-cluster.sh").toString(), cluster, COMMIT));
        command.addAll(List.of(options));
        return Command.run(command, "", env);
    }

    /** Records its arguments; echoes the current context; keeps what a --from-file=...=/dev/stdin call was given. */
    private void stub(String name) throws Exception {
        Path file = bin.resolve(name);
        Files.writeString(file, """
                #!/usr/bin/env bash
                echo "%s $*" >>"$CALLS"
                case "$*" in
                  "config current-context") echo "$FAKE_CONTEXT" ;;
                  *"=/dev/stdin"*) cat >>"$STDIN" ;;
                  *"--dry-run=client -o yaml"*) echo "kind: Namespace" ;;
                  *" apply -f -") cat >/dev/null ;;
                esac
                """.formatted(name));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
