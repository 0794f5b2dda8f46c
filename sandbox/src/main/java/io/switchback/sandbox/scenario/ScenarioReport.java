package io.switchback.sandbox.scenario;

import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentSkipped;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentSuperseded;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackTrigger;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the scenario did, what it checked, what broke (if anything), and the figures of the loop. */
public final class ScenarioReport {

    /** One operation and what came of it. */
    record Played(Operation operation, String outcome, Duration took) {
    }

    private final long seed;
    private final List<Played> played;
    private final Map<String, Integer> checks;
    private final List<String> names;
    private final List<Violation> violations;
    private final List<RtoInvariant.Outcome> faults;
    private final long deadLetters;
    private final int workloadOutages;
    private final Duration elapsed;
    private final Map<String, Long> rollouts = new LinkedHashMap<>();

    ScenarioReport(long seed, List<Played> played, Invariants invariants, long deadLetters, Duration elapsed,
            Facts facts) {
        this.seed = seed;
        this.played = List.copyOf(played);
        this.checks = invariants.checks();
        this.names = invariants.names();
        List<Violation> all = new ArrayList<>(invariants.violations());
        if (deadLetters > 0) {
            all.add(new Violation("8 once", "dead-letters", null, deadLetters + " records on dead-letter topics",
                    "a good record never lands there"));
        }
        this.violations = List.copyOf(all);
        this.faults = invariants.faults();
        this.deadLetters = deadLetters;
        this.workloadOutages = invariants.workloadOutages();
        this.elapsed = elapsed;
        rollouts.put("builds and commands answered skipped", (long) facts.of(DeploymentSkipped.class).size());
        rollouts.put("rollouts started", (long) facts.of(DeploymentStarted.class).size());
        rollouts.put("switched", (long) facts.of(DeploymentTrafficSwitched.class).size());
        rollouts.put("failed", (long) facts.of(DeploymentFailed.class).size());
        rollouts.put("superseded", (long) facts.of(DeploymentSuperseded.class).size());
        rollouts.put("stable after their soak", (long) facts.of(DeploymentStable.class).size());
        rollouts.put("rolled back on a breach", facts.of(RollbackCompleted.class).stream()
                .filter(r -> r.cause().trigger() == RollbackTrigger.HEALTH_BREACH).count());
        rollouts.put("rolled back by an operator", facts.of(RollbackCompleted.class).stream()
                .filter(r -> r.cause().trigger() == RollbackTrigger.MANUAL).count());
        rollouts.put("false rollbacks (healthy, on a breach)", (long) invariants.falseRollbacks());
    }

    public int violationCount() {
        return violations.size();
    }

    public int operations() {
        return played.size();
    }

    /** How many operations of each kind were played. */
    public Map<String, Long> operationsByKind() {
        return played.stream().collect(Collectors.groupingBy(p -> p.operation().kind().name(), LinkedHashMap::new,
                Collectors.counting()));
    }

    public Map<String, Long> rollouts() {
        return Map.copyOf(rollouts);
    }

    public void print(PrintWriter out) {
        out.printf("%nScenario: seed %d, %d operations in %d s (replay: scenario --seed %d --operations %d)%n",
                seed, played.size(), elapsed.toSeconds(), seed, played.size());
        out.println("\nOperations:");
        operationsByKind().forEach((kind, n) -> out.printf("  %-18s %4d  %s%n", kind.toLowerCase().replace('_', '-'),
                n, Operation.Kind.valueOf(kind).description));
        out.println("\nInvariants (docs/invariants.md):            checks  violations");
        for (String name : names) {
            long broken = violations.stream().filter(v -> v.invariant().equals(name)).count();
            out.printf("  %-40s %7d  %10d%n", name, checks.getOrDefault(name, 0), broken);
        }
        out.printf("  %-40s %7s  %10d%n", "dead letters", "-", deadLetters);
        out.printf("  requests failed while the live release's own pods had gone unready by themselves"
                + " (readiness probes; not counted against 1): %d%n", workloadOutages);
        out.println("\nRollouts:");
        rollouts.forEach((what, n) -> out.printf("  %-42s %5d%n", what, n));
        out.println("\nFaulty releases that took traffic, fault onset -> traffic restored:");
        Map<FaultKind, List<RtoInvariant.Outcome>> byKind = faults.stream().collect(Collectors.groupingBy(
                RtoInvariant.Outcome::kind, () -> new java.util.EnumMap<>(FaultKind.class), Collectors.toList()));
        byKind.forEach((kind, list) -> {
            List<Long> ms = list.stream().map(o -> o.rto().toMillis()).sorted().toList();
            out.printf("  %-32s n=%3d  p50 %6d ms  p95 %6d ms  max %6d ms  (rolled back %d, replaced %d;"
                    + " %d before any request failed)%n", kind.label(), ms.size(), percentile(ms, 50),
                    percentile(ms, 95), ms.get(ms.size() - 1),
                    list.stream().filter(RtoInvariant.Outcome::rolledBack).count(),
                    list.stream().filter(o -> !o.rolledBack()).count(),
                    list.stream().filter(RtoInvariant.Outcome::unnoticed).count());
        });
        if (!violations.isEmpty()) {
            out.println("\nViolations (the first of each):");
            violations.stream().collect(Collectors.toMap(Violation::invariant, v -> v, (a, b) -> a, LinkedHashMap::new))
                    .values().forEach(v -> out.printf("  %s at %s: %s%n      %s%n", v.invariant(), v.at(), v.what(),
                            v.evidence()));
        }
        out.println(violations.isEmpty() ? "\nOK: 0 violations." : "\nFAILED: " + violations.size() + " violations.");
        out.flush();
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
