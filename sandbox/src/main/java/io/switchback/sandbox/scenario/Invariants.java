package io.switchback.sandbox.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The eight invariants of docs/invariants.md, checked again and again; each violation is kept once. */
public final class Invariants {

    private final RtoInvariant rto = new RtoInvariant();
    private final NoFalseRollbackInvariant noFalseRollback = new NoFalseRollbackInvariant();
    private final ZeroReadyInvariant zeroReady = new ZeroReadyInvariant();
    private final List<Invariant> all = List.of(zeroReady, rto, noFalseRollback,
            new BuildOrderInvariant(), new TerminalInvariant(), new AuditInvariant(), new CommandsInvariant(),
            new OnceInvariant());
    private final Map<String, Integer> checks = new LinkedHashMap<>();
    private final Map<String, Violation> violations = new LinkedHashMap<>();

    /** Checks the ground as it is now; returns the violations not seen before. */
    public synchronized List<Violation> check(Ground ground) {
        Facts facts = new Facts(ground);
        List<Violation> fresh = new ArrayList<>();
        for (Invariant invariant : all) {
            List<Violation> found = new ArrayList<>();
            checks.put(invariant.name(), invariant.check(facts, found));
            for (Violation violation : found) {
                if (violations.putIfAbsent(invariant.name() + "/" + violation.key(), violation) == null) {
                    fresh.add(violation);
                }
            }
        }
        return fresh;
    }

    /** Per invariant, what was checked at the last pass. */
    public synchronized Map<String, Integer> checks() {
        return Map.copyOf(checks);
    }

    public synchronized List<String> names() {
        return all.stream().map(Invariant::name).toList();
    }

    public synchronized List<Violation> violations() {
        return List.copyOf(violations.values());
    }

    public synchronized List<RtoInvariant.Outcome> faults() {
        return rto.outcomes();
    }

    /** Requests that failed because the live release's own pods went unready by themselves (not Switchback's doing). */
    public synchronized int workloadOutages() {
        return zeroReady.workloadOutages();
    }

    public synchronized int falseRollbacks() {
        return noFalseRollback.falseRollbacks();
    }
}
