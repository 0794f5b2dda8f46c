package io.switchback.sandbox;

import io.switchback.sandbox.scenario.Scenario;
import io.switchback.sandbox.scenario.ScenarioReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A normal week, compressed and seeded, with the invariants of docs/invariants.md checked throughout. */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "Play a seeded week of releases, faults, commands and crashes against the sandbox with two "
                + "instances of every service; check the invariants of docs/invariants.md from the traffic, the "
                + "cluster and the topics; exit 0 only if none broke.")
public final class ScenarioCommand implements Callable<Integer> {

    @Option(names = "--seed", description = "The seed; the same seed plays the same operations (default: the time).")
    Long seed;

    @Option(names = "--operations", defaultValue = "40", description = "Operations to play (default: ${DEFAULT-VALUE}).")
    int operations;

    @Option(names = "--duration", defaultValue = "PT2H",
            description = "Stop starting operations after this long (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--instances", defaultValue = "2",
            description = "Instances of each Switchback service (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--timeline", description = "Print every event read from the topics at the end.")
    boolean timeline;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long chosen = seed != null ? seed : System.currentTimeMillis();
        out.printf("Starting the sandbox with %d instances of every service; seed %d%n", instances, chosen);
        out.flush();
        try (Sandbox sandbox = Sandbox.start(Sandbox.Options.defaults(Files.createTempDirectory("switchback-scenario"))
                .withServices(instances, Scenario.serviceSettings()))) {
            ScenarioReport report = new Scenario(sandbox, out, chosen).run(operations, duration);
            if (timeline) {
                out.println("\nTimeline (seconds from the start):");
                TimelinePrinter.print(out, sandbox.startedAt(), sandbox.timeline());
            }
            report.print(out);
            return report.violationCount() == 0 ? 0 : 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
