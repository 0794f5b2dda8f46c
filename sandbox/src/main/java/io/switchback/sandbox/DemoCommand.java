package io.switchback.sandbox;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the scripted loop end to end and exits 0 only if traffic was restored within the RTO. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Build event -> blue-green deploy -> breach -> rollback, in one JVM; prints the timeline and figures.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--observe-healthy", defaultValue = "PT10S",
            description = "How long to watch the healthy release before shipping the bad one (default: ${DEFAULT-VALUE}).")
    Duration observeHealthy;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Starting the sandbox: Kafka (in-process KRaft), a simulated cluster, four Switchback services...");
        out.flush();
        try (Sandbox sandbox = Sandbox.start(Sandbox.Options.defaults(Files.createTempDirectory("switchback-demo")))) {
            out.printf("Ready after %.1f s. build-listener %s, kubeconfig %s%n",
                    Duration.between(sandbox.startedAt(), java.time.Instant.now()).toMillis() / 1000.0,
                    sandbox.webhookBase(), sandbox.kubeconfig());
            DemoScript script = new DemoScript(sandbox, out, observeHealthy);
            Optional<LoopFigures> figures = script.run();
            if (figures.isEmpty()) {
                return 1;
            }
            script.report(figures.get());
            boolean withinRto = figures.get().onsetToRestored().compareTo(DemoScript.RTO) <= 0;
            out.println(withinRto ? "OK: the bad release was rolled back within the RTO."
                    : "FAILED: traffic was restored after the RTO.");
            return withinRto ? 0 : 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
