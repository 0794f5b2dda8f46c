package io.switchback.sandbox;

import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HealthBreached;
import io.switchback.events.RollbackCompleted;
import io.switchback.sandbox.scenario.FaultKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the loop: many faulty releases (each after a healthy one), then minutes of healthy traffic
 * with a baseline error rate, counting false rollbacks. Prints the figures docs/benchmarks.md records.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure onset->restored and breach->switched over many faulty releases, and false rollbacks under a healthy baseline.")
public final class BenchCommand implements Callable<Integer> {

    private static final Duration STEP = Duration.ofSeconds(90);

    @Option(names = "--releases", defaultValue = "20", description = "Faulty releases to measure (default: ${DEFAULT-VALUE}).")
    int releases;

    @Option(names = "--fault", defaultValue = "errors-5", split = ",",
            description = "The fault of the bad releases, or several in turn: errors-5, slow-800, cb-open, "
                    + "unready-after-2, crash-after-2, ... (default: ${DEFAULT-VALUE}).")
    List<String> faults;

    @Option(names = "--baseline", defaultValue = "PT5M", description = "How long to run a healthy release with the baseline error rate (default: ${DEFAULT-VALUE}).")
    Duration baseline;

    @Option(names = "--baseline-errors", defaultValue = "0.5", description = "Baseline error rate in percent (default: ${DEFAULT-VALUE}).")
    String baselineErrors;

    @Option(names = "--set", description = "A property for every service, key=value (repeatable), e.g. "
            + "switchback.health.evaluation-interval=500ms, to measure another setting.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Sandbox.Options defaults = Sandbox.Options.defaults(null);
        try (Sandbox sandbox = Sandbox.start(new Sandbox.Options(null, Files.createTempDirectory("switchback-bench"),
                defaults.podStartDelay(), defaults.trafficRate(), defaults.initialImage(), defaults.replicas(),
                overrides, null, 1))) {
            if (!overrides.isEmpty()) {
                out.println("service settings: " + overrides);
            }
            Releases ship = new Releases(sandbox);
            Map<String, List<LoopFigures>> measured = new LinkedHashMap<>();
            int falseBreaches = 0;
            for (int i = 1; i <= releases; i++) {
                String good = "1." + (10 + i) + ".0";
                Optional<DeploymentTrafficSwitched> healthy = ship.release("registry.example/checkout:" + good);
                if (healthy.isEmpty()) {
                    out.println("release " + i + ": the healthy build did not roll out");
                    return 1;
                }
                String bad = "1." + (10 + i) + ".1";
                String fault = faults.get((i - 1) % faults.size());
                Optional<DeploymentTrafficSwitched> faulty = ship.release("registry.example/checkout:" + bad + "-" + fault);
                if (faulty.isEmpty()) {
                    out.println("release " + i + ": the bad build did not roll out");
                    return 1;
                }
                falseBreaches += breaches(sandbox, healthy.get().deploymentId());
                Optional<LoopFigures> figures = measure(sandbox, faulty.get(), good);
                if (figures.isEmpty()) {
                    out.println("release " + i + ": not detected and rolled back within " + STEP.toSeconds() + " s");
                    return 1;
                }
                measured.computeIfAbsent(fault, f -> new ArrayList<>()).add(figures.get());
                out.printf("release %2d (%s): onset->breach %5d ms, breach->switched %4d ms, onset->restored %5d ms%n",
                        i, fault, figures.get().onsetToBreach().toMillis(), figures.get().breachToSwitched().toMillis(),
                        figures.get().onsetToRestored().toMillis());
                out.flush();
            }
            report(out, measured, falseBreaches);
            int falseRollbacks = baseline(out, sandbox, ship);
            return falseRollbacks < 0 ? 1 : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<LoopFigures> measure(Sandbox sandbox, DeploymentTrafficSwitched faulty, String good) {
        String deploymentId = faulty.deploymentId();
        String bad = FaultKind.versionOf(faulty.liveImage());
        FaultKind kind = FaultKind.of(faulty.liveImage());
        Optional<HealthBreached> breach = sandbox.timeline().await(HealthBreached.class,
                b -> b.deploymentId().equals(deploymentId), STEP);
        Optional<RollbackCompleted> rollback = sandbox.timeline().await(RollbackCompleted.class,
                r -> r.deploymentId().equals(deploymentId), STEP);
        if (breach.isEmpty() || rollback.isEmpty()) {
            return Optional.empty();
        }
        Instant settled = rollback.get().timings().trafficSwitchedAt().plusSeconds(2);
        sandbox.timeline().await(HealthBreached.class, b -> false, Duration.between(Instant.now(), settled).isNegative()
                ? Duration.ZERO : Duration.between(Instant.now(), settled));
        List<TrafficRecord> since = sandbox.traffic().snapshot().stream()
                .filter(r -> r.version() == null || r.version().equals(bad) || r.version().equals(good)).toList();
        return LoopFigures.of(since, r -> kind.shownBy(r, bad), faulty.occurredAt(), good, breach.get(),
                rollback.get());
    }

    private static int breaches(Sandbox sandbox, String deploymentId) {
        return (int) sandbox.timeline().entries().stream().map(EventTimeline.Entry::event)
                .filter(e -> e instanceof HealthBreached b && b.deploymentId().equals(deploymentId)).count();
    }

    private int baseline(PrintWriter out, Sandbox sandbox, Releases ship) {
        String image = "registry.example/checkout:2.0.0-errors-" + baselineErrors;
        Optional<DeploymentTrafficSwitched> release = ship.release(image);
        if (release.isEmpty()) {
            out.println("baseline release did not roll out");
            return -1;
        }
        Instant from = Instant.now();
        out.printf("baseline: %s under %d requests/s for %d s...%n", image, TrafficGenerator.DEFAULT_RATE,
                baseline.toSeconds());
        out.flush();
        String id = release.get().deploymentId();
        sandbox.timeline().await(RollbackCompleted.class, r -> false, baseline);
        long served = sandbox.traffic().between(from, Instant.now()).size();
        long errors = sandbox.traffic().between(from, Instant.now()).stream().filter(r -> !r.ok()).count();
        int breaches = breaches(sandbox, id);
        long rollbacks = sandbox.timeline().entries().stream().map(EventTimeline.Entry::event)
                .filter(e -> e instanceof RollbackCompleted r && r.deploymentId().equals(id)).count();
        out.printf("baseline: %d responses, %.2f%% errors, %d breaches, %d false rollbacks%n", served,
                100.0 * errors / Math.max(1, served), breaches, rollbacks);
        out.flush();
        return (int) rollbacks;
    }

    private static void report(PrintWriter out, Map<String, List<LoopFigures>> measured, int falseBreaches) {
        out.printf("%n%d faulty releases, all detected and rolled back; %d breaches of the healthy releases between them%n",
                measured.values().stream().mapToInt(List::size).sum(), falseBreaches);
        measured.forEach((fault, figures) -> {
            out.printf("%s (%d releases):%n", fault, figures.size());
            row(out, "fault onset -> traffic restored", figures, LoopFigures::onsetToRestored);
            row(out, "fault onset -> breach", figures, LoopFigures::onsetToBreach);
            row(out, "breach -> selector switched", figures, LoopFigures::breachToSwitched);
            row(out, "selector switched -> restored", figures, LoopFigures::switchedToRestored);
        });
        out.flush();
    }

    private static void row(PrintWriter out, String name, List<LoopFigures> measured,
            Function<LoopFigures, Duration> figure) {
        List<Long> ms = measured.stream().map(figure).map(Duration::toMillis).sorted().toList();
        out.printf("  %-34s p50 %6d ms  p95 %6d ms  p99 %6d ms  max %6d ms%n", name, percentile(ms, 50),
                percentile(ms, 95), percentile(ms, 99), ms.get(ms.size() - 1));
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
