package io.switchback.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The help section of docs/cli.md, rendered from the CLI itself: {@code -Dswitchback.regenerate=true} rewrites it,
 * otherwise CliTest checks the file holds it.
 */
final class CliDocs {

    static final Path FILE = Path.of("..", "docs", "cli.md");
    static final List<String> COMMANDS = List.of("status", "watch", "history", "explain", "rollback", "approve",
            "retry");
    private static final String BEGIN = "<!-- help: generated from the CLI by CliDocs; do not edit -->";
    private static final String END = "<!-- help: end -->";

    private CliDocs() {
    }

    static String help(String command) {
        return "### `switchback " + command + "`\n\n```\n" + CliRun.of(Map.of(), command, "--help").out().strip()
                + "\n```\n";
    }

    static String section() {
        StringBuilder section = new StringBuilder(BEGIN).append("\n\n```\n")
                .append(CliRun.of(Map.of(), "--help").out().strip()).append("\n```\n");
        COMMANDS.forEach(c -> section.append('\n').append(help(c)));
        return section.append('\n').append(END).toString();
    }

    static {
        if (Boolean.getBoolean("switchback.regenerate")) {
            try {
                String docs = Files.readString(FILE);
                int begin = docs.indexOf(BEGIN);
                int end = docs.indexOf(END);
                Files.writeString(FILE, docs.substring(0, begin) + section() + docs.substring(end + END.length()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
