package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A child process with a bounded wait; its output goes through files, so it can never block on a pipe. */
final class Command {

    record Result(int exitCode, String stdout, String stderr) {
        /** Both streams, for a person reading a failure or a test looking for a secret. */
        String output() {
            return stdout + stderr;
        }
    }

    private Command() {
    }

    /** Runs {@code command} with {@code stdin}, the environment minus any SWITCHBACK_ and GITHUB_ variables plus {@code env}. */
    static Result run(List<String> command, String stdin, Map<String, String> env) throws IOException, InterruptedException {
        Path in = Files.writeString(Files.createTempFile("command-in", ".txt"), stdin);
        Path out = Files.createTempFile("command-out", ".txt");
        Path err = Files.createTempFile("command-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SWITCHBACK_") || key.startsWith("GITHUB_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished within 120 s", command).isTrue();
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            for (Path file : List.of(in, out, err)) {
                Files.deleteIfExists(file);
            }
        }
    }
}
