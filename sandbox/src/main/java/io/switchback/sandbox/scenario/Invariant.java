package io.switchback.sandbox.scenario;

import java.util.List;

/** One rule of docs/invariants.md, checked against the ground. */
interface Invariant {

    /** The number and short name of the rule, as docs/invariants.md has them, e.g. {@code 1 zero-ready}. */
    String name();

    /**
     * Checks everything that can be judged now (with {@code facts.ground().finished()}, everything).
     *
     * @return how many things were checked
     */
    int check(Facts facts, List<Violation> violations);
}
