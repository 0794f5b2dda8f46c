package io.switchback.cli;

import io.switchback.events.HealthBreached;
import io.switchback.events.HealthEvidence;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackFailed;
import io.switchback.events.RollbackRequested;
import io.switchback.events.RollbackSkipped;
import io.switchback.events.RollbackStarted;
import io.switchback.events.RollbackTimings;
import io.switchback.events.SwitchbackEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "The chain of evidence behind a decision: for a breach or a rollback, the verdict's observed value,"
                + " threshold, window and samples, what was decided and when, and the timings from fault onset to"
                + " traffic back; for any other event, its release's timeline.")
final class ExplainCommand implements Callable<Integer> {

    private static final int FIGURES = 5;

    @ParentCommand
    Switchback root;

    @Parameters(index = "0", paramLabel = "EVENT_ID",
            description = "The event's id (eventId; watch and history show them with --json).")
    String eventId;

    @Option(names = "--since", paramLabel = "TIME", converter = Since.class, defaultValue = "30d",
            description = "How far back to look (default ${DEFAULT-VALUE}).")
    Instant since;

    @Override
    public Integer call() {
        List<EventStream.Seen> all;
        try (EventStream stream = new EventStream(root.settings().kafka(), since)) {
            all = stream.readToOpeningEnd();
        }
        Optional<EventStream.Seen> found = all.stream().filter(s -> s.event().eventId().equals(eventId)).findFirst();
        if (found.isEmpty()) {
            root.out().println("no event " + eventId + " on the topics since " + since);
            return Switchback.FAILED;
        }
        SwitchbackEvent event = found.get().event();
        String cause = causeOf(event);
        PrintWriter out = root.out();
        out.println(Lines.human(found.get()));
        if (cause != null) {
            all.stream().filter(s -> s.event().eventId().equals(cause)).findFirst().ifPresent(s -> {
                evidence(out, s.event());
                figuresBefore(out, all, s.event());
            });
            List<EventStream.Seen> rollback = all.stream().filter(s -> cause.equals(causeOf(s.event()))
                    && !s.event().eventId().equals(cause)).toList();
            out.println("what was done:");
            rollback.forEach(s -> out.println("  " + Lines.human(s)));
            rollback.stream().map(EventStream.Seen::event).filter(RollbackCompleted.class::isInstance)
                    .map(e -> ((RollbackCompleted) e).timings()).findFirst().ifPresent(t -> timings(out, t));
        }
        Releases.deploymentIdOf(event).ifPresent(id -> {
            out.println("the release " + id + ":");
            all.stream().filter(s -> !Lines.figures(s.event()))
                    .filter(s -> Releases.deploymentIdOf(s.event()).filter(id::equals).isPresent())
                    .forEach(s -> out.println("  " + Lines.human(s)));
        });
        return 0;
    }

    /** The breach or request a rollback answered: the event itself for those, else the rollback's cause; or null. */
    private static String causeOf(SwitchbackEvent event) {
        if (event instanceof HealthBreached || event instanceof RollbackRequested) {
            return event.eventId();
        } else if (event instanceof RollbackStarted s) {
            return s.cause().causeEventId();
        } else if (event instanceof RollbackCompleted c) {
            return c.cause().causeEventId();
        } else if (event instanceof RollbackFailed f) {
            return f.cause().causeEventId();
        } else if (event instanceof RollbackSkipped s) {
            return s.cause().causeEventId();
        }
        return null;
    }

    private static void evidence(PrintWriter out, SwitchbackEvent cause) {
        if (cause instanceof RollbackRequested r) {
            out.printf("cause: rollback requested by %s at %s: %s%n", r.requestedBy(), Lines.time(r.occurredAt()),
                    r.reason());
            return;
        }
        HealthBreached b = (HealthBreached) cause;
        out.printf("cause: health.breached %s at %s%n", b.eventId(), Lines.time(b.occurredAt()));
        out.printf("  check            %s on %s (%s)%n", b.check().wire(), b.color().wire(), b.image());
        out.printf("  observed         %.4g %s%n", b.observed(), b.unit());
        out.printf("  threshold        %.4g %s%n", b.threshold(), b.unit());
        out.printf("  window           %d ms, since the fault onset at %s%n", b.windowMs(), Lines.time(b.firstBadAt()));
        out.printf("  samples          %d (a verdict needs at least %d)%n", b.sampleCount(), b.minimumSamples());
        out.printf("  consecutive      %d failing evaluation(s)%n", b.consecutiveFailures());
        out.printf("  source           %s%n", b.metricSource().wire());
        if (b.reason() != null) {
            out.printf("  reason           %s%n", b.reason());
        }
    }

    /** The breached release's last figures up to the breach, as the health monitor published them. */
    private static void figuresBefore(PrintWriter out, List<EventStream.Seen> all, SwitchbackEvent cause) {
        if (!(cause instanceof HealthBreached b)) {
            return;
        }
        List<EventStream.Seen> figures = all.stream().filter(s -> s.event() instanceof HealthEvidence e
                && e.deploymentId().equals(b.deploymentId()) && !e.occurredAt().isAfter(b.occurredAt())).toList();
        if (!figures.isEmpty()) {
            out.println("figures before it (health.evidence, the last " + Math.min(FIGURES, figures.size()) + "):");
            figures.subList(Math.max(0, figures.size() - FIGURES), figures.size())
                    .forEach(s -> out.println("  " + Lines.human(s)));
        }
    }

    private static void timings(PrintWriter out, RollbackTimings t) {
        Instant start = t.faultOnsetAt() != null ? t.faultOnsetAt() : t.detectedAt();
        out.println("timings:");
        if (t.faultOnsetAt() != null) {
            out.printf("  fault onset      %s%n", Lines.time(t.faultOnsetAt()));
        }
        out.printf("  detected         %s  (+%d ms)%n", Lines.time(t.detectedAt()),
                Duration.between(start, t.detectedAt()).toMillis());
        out.printf("  decided          %s  (+%d ms)%n", Lines.time(t.decidedAt()),
                Duration.between(start, t.decidedAt()).toMillis());
        out.printf("  traffic switched %s  (+%d ms)%s%n", Lines.time(t.trafficSwitchedAt()),
                Duration.between(start, t.trafficSwitchedAt()).toMillis(),
                t.faultOnsetAt() == null ? "" : "  fault onset to traffic back, less endpoint propagation; RTO 60 s");
    }
}
