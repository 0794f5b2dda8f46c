package io.switchback.mockapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Every call the server answered, in order. Bounded for a sandbox left running for days: past
 * {@code limit} calls it keeps only calls of a kind (identity, verb, group, resource, subresource,
 * namespace, code) not seen before, so the RBAC view of what was called stays complete.
 */
public final class ApiCallLog {

    /** Enough for every test and a long scenario; a call is a few hundred bytes. */
    public static final int DEFAULT_LIMIT = 200_000;

    private final int limit;
    private final List<ApiCall> calls = new ArrayList<>();
    private final Set<List<Object>> kinds = new HashSet<>();
    private long dropped;

    public ApiCallLog(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    synchronized void add(ApiCall call) {
        boolean newKind = kinds.add(kind(call));
        if (calls.size() < limit || newKind) {
            calls.add(call);
        } else {
            dropped++;
        }
    }

    public synchronized List<ApiCall> calls() {
        return List.copyOf(calls);
    }

    public List<ApiCall> calls(String identity) {
        return calls().stream().filter(c -> c.identity().equals(identity)).toList();
    }

    /** Calls past the limit that repeated a kind already kept. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Writes every kept call to {@code file}; see {@link #writeTsv(List, Path)}. */
    public void writeTsv(Path file) {
        writeTsv(calls(), file);
    }

    /** Writes {@code calls} to {@code file}, one {@link ApiCall#tsv()} line each, creating its directory. */
    public static void writeTsv(List<ApiCall> calls, Path file) {
        StringBuilder text = new StringBuilder();
        calls.forEach(call -> text.append(call.tsv()).append('\n'));
        try {
            Path parent = Objects.requireNonNullElse(file.toAbsolutePath().getParent(), Path.of("."));
            Files.createDirectories(parent);
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the API calls to " + file, e);
        }
    }

    /** The lines of a file {@link #writeTsv} wrote, as calls. */
    public static List<ApiCall> readTsv(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(ApiCall::fromTsv).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read API calls from " + file, e);
        }
    }

    private static List<Object> kind(ApiCall call) {
        return Arrays.asList(call.identity(), call.verb(), call.apiGroup(), call.resource(),
                call.subresource(), call.namespace(), call.code());
    }
}
