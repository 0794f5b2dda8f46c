package io.switchback.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A command-line tool a test needs. Absent, the test is skipped with a message on a developer's machine
 * and fails under {@code CI=true}, where {@code .ci/run} has installed it: a test never passes without
 * its subject.
 */
public final class RequiredTool {

    private RequiredTool() {
    }

    /** The tool's path on {@code PATH}; skips or fails the calling test when it is missing. */
    public static Path require(String name) {
        return require(name, System.getenv());
    }

    static Path require(String name, Map<String, String> env) {
        Optional<Path> found = find(name, env.getOrDefault("PATH", ""));
        if (found.isPresent()) {
            return found.get();
        }
        String message = name + " is not installed (not on PATH); .ci/run installs it";
        if ("true".equalsIgnoreCase(env.get("CI"))) {
            Assertions.fail(message + ", and under CI=true a missing tool fails the test");
        }
        Assumptions.abort(message + "; skipped locally");
        throw new AssertionError("unreachable");
    }

    static Optional<Path> find(String name, String path) {
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
