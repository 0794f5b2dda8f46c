package io.switchback.delivery;

import io.switchback.mockapi.ApiCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Every API call the reactor's tests recorded: each module's {@code target/api-calls/*.tsv}, by identity. */
final class RecordedCalls {

    static final String GLOB = "*/target/api-calls/*.tsv";

    private RecordedCalls() {
    }

    static Map<String, List<RbacComparison.Recorded>> byIdentity(Path root) {
        Map<String, List<RbacComparison.Recorded>> byIdentity = new LinkedHashMap<>();
        for (Path file : files(root)) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    ApiCall call = ApiCall.fromTsv(lines.get(i));
                    byIdentity.computeIfAbsent(call.identity(), k -> new ArrayList<>())
                            .add(new RbacComparison.Recorded(call, root.relativize(file) + ":" + (i + 1)));
                }
            }
        }
        return byIdentity;
    }

    static List<Path> files(Path root) {
        try (Stream<Path> modules = Files.list(root)) {
            List<Path> files = new ArrayList<>();
            for (Path dir : modules.map(m -> m.resolve("target/api-calls")).filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> tsv = Files.list(dir)) {
                    tsv.filter(f -> f.getFileName().toString().endsWith(".tsv")).sorted().forEach(files::add);
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
