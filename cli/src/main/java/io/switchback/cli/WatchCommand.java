package io.switchback.cli;

import io.switchback.events.ReleaseEvent;
import io.switchback.events.SwitchbackEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "The live timeline from the topics: one line per event, with the evidence of every verdict and"
                + " rollback. Runs until interrupted, --count events or --for.")
final class WatchCommand implements Callable<Integer> {

    @ParentCommand
    Switchback root;

    @Option(names = "--env", paramLabel = "ENVIRONMENT", description = "Only this environment.")
    String environment;

    @Option(names = "--service", paramLabel = "SERVICE", description = "Only this service.")
    String service;

    @Option(names = "--since", paramLabel = "TIME", converter = Since.class,
            description = "Start this long ago (30s, 15m, 2h, 7d) or at this instant; default: from now.")
    Instant since;

    @Option(names = "--json", description = "One JSON object per event (type, topic, cluster, data), for scripts.")
    boolean json;

    @Option(names = "--figures", description = "Also each watched release's figures (health.evidence), every few"
            + " seconds.")
    boolean figures;

    @Option(names = "--count", paramLabel = "N", description = "Stop after this many events.")
    Integer count;

    @Option(names = "--for", paramLabel = "DURATION", description = "Stop after this long, as ISO-8601 (PT5M).")
    Duration duration;

    @Override
    public Integer call() {
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        int printed = 0;
        try (EventStream stream = new EventStream(root.settings().kafka(), since)) {
            // what was written before now, in time order across topics; then each event as it comes
            printed = print(since == null ? List.of() : stream.readToOpeningEnd(), printed);
            while (System.nanoTime() < deadline && (count == null || printed < count)
                    && !Thread.currentThread().isInterrupted()) {
                printed = print(stream.poll(Duration.ofMillis(500)), printed);
            }
        }
        return 0;
    }

    private int print(List<EventStream.Seen> events, int printed) {
        for (EventStream.Seen seen : events) {
            if (matches(seen.event()) && (count == null || printed < count)) {
                root.out().println(json ? Lines.json(seen) : Lines.human(seen));
                printed++;
            }
        }
        root.out().flush();
        return printed;
    }

    private boolean matches(SwitchbackEvent event) {
        if (!figures && Lines.figures(event)) {
            return false;
        }
        if (environment == null && service == null) {
            return true;
        }
        if (!(event instanceof ReleaseEvent release)) {
            return environment == null && service != null && event.key().equals(service);
        }
        return (environment == null || environment.equals(release.environment()))
                && (service == null || service.equals(release.service()));
    }
}
