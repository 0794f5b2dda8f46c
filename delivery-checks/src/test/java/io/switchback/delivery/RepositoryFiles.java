package io.switchback.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files of this repository, found from the test's working directory (the module or the root). */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    /** The repository root: the nearest directory upwards holding both {@code mvnw} and {@code charts/}. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("mvnw")) && Files.isDirectory(candidate.resolve("charts"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no repository root (mvnw and charts/) above " + dir);
    }

    static Path resolve(String relative) {
        return root().resolve(relative);
    }

    /**
     * Regular files under {@code relativeDir} whose name matches one of {@code names}, sorted; what the examples'
     * tools install or build ({@code node_modules}, {@code target}) is not the repository's.
     */
    static List<Path> find(String relativeDir, List<String> names) {
        Path dir = resolve(relativeDir);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !dir.relativize(file).toString().matches("(.*/)?(node_modules|target)/.*"))
                    .filter(file -> names.stream().anyMatch(glob -> file.getFileSystem()
                            .getPathMatcher("glob:" + glob).matches(file.getFileName())))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
