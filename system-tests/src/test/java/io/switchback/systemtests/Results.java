package io.switchback.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The reliability table of {@code docs/reliability.md}, one row per case as it ran: written to
 * {@code target/reliability.md} so that the figures in the docs come from a run.
 */
final class Results {

    /**
     * @param sent         requests or events the case sent (builds, commands), or the releases it shipped
     * @param acknowledged of those, answered 2xx (written to Kafka)
     * @param consumed     of those, consumed by the service that acts on them
     * @param actedOn      what the case expected to happen and did (a rollout, a switch, an audit event)
     * @param lost         acknowledged but never consumed, or expected and never done
     * @param recovery     the time the case measured to recover, as a person would read it
     */
    record Row(int number, String injected, long sent, long acknowledged, long consumed, String actedOn, long lost,
            String recovery) {
    }

    /** One table for the whole run: every reliability class adds its rows to it. */
    static final Results SHARED = new Results();
    private static final Path FILE = Path.of("target", "reliability.md");
    private final List<Row> rows = new ArrayList<>();

    synchronized void add(Row row) {
        rows.add(row);
        write();
    }

    static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private void write() {
        StringBuilder table = new StringBuilder("| case | injected | sent | acknowledged | consumed | acted on | lost | "
                + "time to recover |\n|---|---|---|---|---|---|---|---|\n");
        rows.stream().sorted((a, b) -> Integer.compare(a.number(), b.number())).forEach(r -> table.append(
                String.format("| %d | %s | %d | %d | %d | %s | %d | %s |%n", r.number(), r.injected(), r.sent(),
                        r.acknowledged(), r.consumed(), r.actedOn(), r.lost(), r.recovery())));
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, table.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
