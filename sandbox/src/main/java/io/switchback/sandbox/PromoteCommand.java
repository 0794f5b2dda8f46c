package io.switchback.sandbox;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs the promotion story across staging and two production regions; exits 0 only if both were restored in time. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Staging -> approval -> production in two regions (two simulated clusters) -> a failure during"
                + " production's soak -> rolled back in both; prints the timeline and figures.")
public final class PromoteCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Starting the sandbox: Kafka, staging's cluster and services, and production's two regions,"
                + " each a simulated cluster with its own deployer, health monitor and rollback controller...");
        out.flush();
        List<ProductionRegion> regions = new ArrayList<>();
        try (Sandbox staging = Sandbox.start(PromoteScript.stagingOptions(
                Sandbox.Options.defaults(Files.createTempDirectory("switchback-promote"))))) {
            try {
                regions.add(ProductionRegion.start(PromoteScript.PRIMARY, null, staging.bootstrapServers(),
                        staging.options(), PromoteScript.productionSettings()));
                regions.add(ProductionRegion.start(PromoteScript.FAILOVER, PromoteScript.PRIMARY,
                        staging.bootstrapServers(), staging.options(), PromoteScript.productionSettings()));
                out.printf("Ready after %.1f s.%n", Duration.between(staging.startedAt(), Instant.now()).toMillis()
                        / 1000.0);
                PromoteScript script = new PromoteScript(staging, regions, out);
                Optional<PromoteScript.Figures> figures = script.run();
                if (figures.isEmpty()) {
                    return 1;
                }
                script.report(figures.get());
                out.println(figures.get().withinRto() ? "OK: swapped in both regions; rolled back in both within the RTO."
                        : "FAILED: a region's traffic was restored after the RTO.");
                return figures.get().withinRto() ? 0 : 1;
            } finally {
                regions.forEach(ProductionRegion::close);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
