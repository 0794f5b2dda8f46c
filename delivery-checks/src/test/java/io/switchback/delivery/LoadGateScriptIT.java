package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.delivery.BuildListenerStub.Received;
import io.switchback.delivery.Command.Result;
import io.switchback.testkit.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/release/load-gate.sh}, the release workflow's load gate: k6's verdict becomes the build's
 * {@code load-test} verification, signed as the operator, with k6's figures. k6 itself cannot run here (no package
 * on this machine's registries): a stand-in plays it, exiting as k6 does and writing its summary export.
 */
class LoadGateScriptIT {

    private static final String OPERATOR = "load-gate";
    private static final String SECRET = "load-gate-operator-secret-0123456789abcdef";
    private static final String SUMMARY = """
            {"metrics":{"http_req_duration":{"avg":41.2,"med":38.0,"p(95)":%s,"p(99)":140.1,"max":390.5},
             "http_req_failed":{"passes":74,"fails":61160,"value":0.0012},
             "http_reqs":{"count":61234,"rate":1020.5},"vus_max":{"value":1000,"min":1000,"max":1000}}}""";

    @TempDir
    Path dir;
    private BuildListenerStub listener;

    @BeforeEach
    void start() throws Exception {
        for (String tool : List.of("bash", "jq", "curl", "openssl")) {
            RequiredTool.require(tool);
        }
        listener = new BuildListenerStub(OPERATOR, SECRET, "unused");
        Files.writeString(dir.resolve("k6"), """
                #!/usr/bin/env bash
                echo "$*" >>"$K6_CALLS"
                while [ "$#" -gt 0 ]; do
                  if [ "$1" = "--summary-export" ] && [ -n "${K6_SUMMARY:-}" ]; then printf '%s' "$K6_SUMMARY" >"$2"; fi
                  shift
                done
                exit "$K6_EXIT"
                """);
        Files.setPosixFilePermissions(dir.resolve("k6"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    @Test
    void thresholdsHeldIsAPassedVerificationWithK6sFigures() throws Exception {
        Result result = gate(0, SUMMARY.formatted("82.34"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        Received verification = listener.received().get(0);
        assertThat(verification.path()).isEqualTo("/v1/commands/verification");
        assertThat(verification.credential()).isEqualTo(OPERATOR);
        assertThat(verification.authenticated()).isTrue();
        assertThat(verification.bodyText()).contains("\"environment\":\"staging\"", "\"service\":\"checkout\"",
                "\"buildEventId\":\"build-1\"", "\"check\":\"load-test\"", "\"outcome\":\"passed\"",
                "\"summary\":\"p95 82.3 ms (threshold 100 ms), errors 0.12%, 61234 requests at 1000 users\"",
                "\"url\":\"https://github.com/acme/checkout/actions/runs/1\"");
        assertThat(Files.readString(dir.resolve("k6-calls"))).contains("run --quiet --summary-export",
                "-e TARGET_URL=https://checkout.staging.example.com", "-e VUS=1000", "-e P95_MS=100",
                RepositoryFiles.resolve("scripts/load/service-load-test.js").toString());
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("### Load gate: checkout in staging: passed");
        assertThat(result.output()).doesNotContain(SECRET);
    }

    @Test
    void aCrossedThresholdOrAK6ThatCouldNotRunIsAFailedVerificationAndFailsTheGate() throws Exception {
        Result slow = gate(99, SUMMARY.formatted("180"));
        Result broken = gate(107, null);

        assertThat(slow.exitCode()).isEqualTo(1);
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(listener.received()).hasSize(2);
        assertThat(listener.received().get(0).bodyText()).contains("\"outcome\":\"failed\"", "p95 180 ms (threshold 100 ms)");
        assertThat(listener.received().get(1).bodyText()).contains("\"outcome\":\"failed\"",
                "k6 exited 107 before it measured: no figures");
    }

    private Result gate(int k6Exit, String summary) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of("PATH", dir + ":" + System.getenv("PATH"),
                "K6_CALLS", dir.resolve("k6-calls").toString(), "K6_EXIT", Integer.toString(k6Exit),
                "SWITCHBACK_SIGNING_SECRET", SECRET, "GITHUB_STEP_SUMMARY", dir.resolve("summary.md").toString()));
        if (summary != null) {
            env.put("K6_SUMMARY", summary);
        }
        return Command.run(List.of("bash", RepositoryFiles.resolve("scripts/release/load-gate.sh").toString(),
                "--url", listener.url(), "--credential", OPERATOR, "--service", "checkout", "--build-event-id",
                "build-1", "--target", "https://checkout.staging.example.com",
                "--report-url", "https://github.com/acme/checkout/actions/runs/1"), "", env);
    }
}
