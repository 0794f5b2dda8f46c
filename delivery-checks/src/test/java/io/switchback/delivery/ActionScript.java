package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.testkit.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One of the build-event action's bash scripts, run as a workflow step runs it: {@code bash <script> ...}. */
final class ActionScript {

    static final Path ACTION = RepositoryFiles.resolve(".github/actions/publish-build-event");

    record Result(int exitCode, String output) {
    }

    private final Path script;

    private ActionScript(String name) {
        this.script = ACTION.resolve(name);
    }

    static ActionScript publish() {
        require("bash", "openssl", "curl");
        return new ActionScript("publish.sh");
    }

    static ActionScript eventBody() {
        require("bash", "jq");
        return new ActionScript("event-body.sh");
    }

    private static void require(String... tools) {
        for (String tool : tools) {
            RequiredTool.require(tool);
        }
    }

    /** Runs the script with {@code env} added to a clean environment; stdout and stderr together. */
    Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("action-script", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SWITCHBACK_") || key.startsWith("GITHUB_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished within 60 s", script).isTrue();
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.delete(log);
        }
    }
}
