package io.switchback.cli;

import io.switchback.events.EventJson;
import io.switchback.events.EventSummaries;
import io.switchback.events.ReleaseEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "A service's past releases and what became of each (stable, rolled back and why, failed,"
                + " superseded, skipped, waiting), from the topics.")
final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    Switchback root;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
    String service;

    @Option(names = "--env", paramLabel = "ENVIRONMENT", description = "Only this environment.")
    String environment;

    @Option(names = "--since", paramLabel = "TIME", converter = Since.class, defaultValue = "30d",
            description = "How far back (30s, 15m, 2h, 7d, or an instant); default ${DEFAULT-VALUE}, as far as the topics"
                    + " keep.")
    Instant since;

    @Option(names = "--json", description = "One JSON object per release.")
    boolean json;

    @Option(names = "--events", description = "Also every event of each release.")
    boolean events;

    @Override
    public Integer call() {
        List<EventStream.Seen> seen;
        try (EventStream stream = new EventStream(root.settings().kafka(), since)) {
            seen = stream.readToOpeningEnd().stream()
                    .filter(s -> s.event() instanceof ReleaseEvent r && r.service().equals(service)
                            && (environment == null || environment.equals(r.environment())))
                    .toList();
        }
        List<Releases.Release> releases = Releases.of(seen);
        if (releases.isEmpty()) {
            root.out().println("no releases of " + service + (environment == null ? "" : " in " + environment)
                    + " since " + since);
        }
        for (Releases.Release release : releases) {
            root.out().println(json ? json(release) : line(release));
            if (events && !json) {
                release.events().stream().filter(s -> !Lines.figures(s.event()))
                        .forEach(s -> root.out().println("    " + Lines.human(s)));
            }
        }
        return 0;
    }

    private static String line(Releases.Release release) {
        EventStream.Seen first = release.events().get(0);
        return "%s  %-24s %-32s %-44s %s".formatted(Lines.time(first.event().occurredAt()), first.event().key(),
                release.deploymentId(), release.image(), release.outcome());
    }

    private static String json(Releases.Release release) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        EventStream.Seen first = release.events().get(0);
        node.put("deploymentId", release.deploymentId());
        node.put("key", first.event().key());
        node.put("image", release.image());
        node.put("firstAt", first.event().occurredAt().toString());
        node.put("lastAt", release.events().get(release.events().size() - 1).event().occurredAt().toString());
        node.put("outcome", release.outcome());
        ArrayNode types = node.putArray("events");
        release.events().forEach(s -> types.add(EventSummaries.shortType(s.event())));
        return EventJson.mapper().writeValueAsString(node);
    }
}
