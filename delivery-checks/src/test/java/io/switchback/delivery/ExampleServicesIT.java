package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.delivery.Command.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reusable release workflow's test step, run here on the three example services: the same script
 * ({@code scripts/release/test-with-coverage.sh}) with the same coverage gate. Each example passes at the
 * workflow's default threshold, 80%, and the gate stops it above the coverage it has. A missing toolchain
 * (the script's exit 3) skips locally and fails under CI, where {@code .ci/run} installs pytest-cov, Node and
 * Debian's rustc-web with the LLVM tools of its own LLVM version (22 since bookworm-security's rustc-web 1.96).
 */
class ExampleServicesIT {

    /** What the toolchains write into a service's directory, never copied into the test's. */
    private static final Set<String> BUILD_OUTPUT =
            Set.of("node_modules", "coverage", "target", ".pytest_cache", "__pycache__", ".coverage");

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"python", "typescript", "rust"})
    void theExamplePassesItsCoverageGateAndTheGateStopsItAboveItsCoverage(String language) throws Exception {
        Path service = copy(RepositoryFiles.resolve("examples/" + language), work.resolve(language));

        Result gated = test(service, language, "80");
        Result above = test(service, language, "99.9");

        assertThat(gated.exitCode()).as("%s at 80%%:%n%s", language, gated.output()).isZero();
        assertThat(gated.output()).containsPattern("(?i)(tests? (passed|result: ok)|passed|Tests:.*passed)");
        assertThat(above.exitCode()).as("%s at 99.9%%:%n%s", language, above.output()).isEqualTo(1);
        assertThat(above.output()).containsIgnoringCase("coverage");
    }

    private static Result test(Path service, String language, String threshold) throws Exception {
        Result result = Command.run(List.of("bash", "-c", "cd \"$1\" && bash \"$2\" \"$3\" \"$4\"", "test",
                service.toString(), RepositoryFiles.resolve("scripts/release/test-with-coverage.sh").toString(),
                language, threshold), "", Map.of(
                // Debian's toolchains first: rustup's rustc (if any) has no LLVM tools here, pyenv's python no pytest-cov
                "PATH", "/usr/bin:" + System.getenv("PATH"),
                "PYTHON", "/usr/bin/python3",
                "CARGO_NET_OFFLINE", "true"));
        if (result.exitCode() == 3) {
            String message = language + "'s toolchain is missing (" + result.stderr().strip() + "); .ci/run installs it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + ", and under CI=true a missing tool fails the test");
            }
            Assumptions.abort(message + "; skipped locally");
        }
        return result;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(file -> from.relativize(file).toString().isEmpty()
                            || Stream.of(from.relativize(file).toString().split("/")).noneMatch(BUILD_OUTPUT::contains))
                    .forEach(file -> {
                        try {
                            Path target = to.resolve(from.relativize(file).toString());
                            if (Files.isDirectory(file)) {
                                Files.createDirectories(target);
                            } else {
                                Files.copy(file, target);
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        return to;
    }
}
