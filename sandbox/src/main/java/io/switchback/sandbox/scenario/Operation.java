package io.switchback.sandbox.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One thing that happens in the scenario's week, drawn from the seed: the kind, and the choices it makes
 * (which fault, which service to restart), so that a seed replays the same operations in the same order.
 *
 * @param fault   the image-tag fault of a release operation, empty for a healthy one
 * @param service the Switchback service an instance operation touches
 * @param variant a further choice the operation makes (repeat a command, name its release, how long)
 */
record Operation(int index, Kind kind, String fault, String service, int variant) {

    enum Kind {
        HEALTHY(20, "a healthy build"),
        FAULTY(18, "a faulty build"),
        FAULTY_THEN_FIX(5, "a faulty build, then a fix during its detection"),
        NEVER_READY(4, "a build whose pods never get ready"),
        OLDER(5, "a build older than the newest taken"),
        DUPLICATE(5, "a build delivered twice"),
        RERUN(3, "a re-run of the newest build (attempt + 1)"),
        MANUAL_ROLLBACK(7, "a manual rollback (some named, some repeated)"),
        RETRY(4, "a retry of the last failed rollout"),
        APPROVE(2, "an approval"),
        GAP(4, "a gap longer than the soak"),
        RESTART(6, "an instance restarted during a rollout"),
        CRASH(5, "an instance killed between a cluster write and its event"),
        API_OUTAGE(4, "the API server answering 503 during a rollout"),
        PERSON_EDIT(4, "a person editing the Service during a rollout");

        final int weight;
        final String description;

        Kind(int weight, String description) {
            this.weight = weight;
            this.description = description;
        }
    }

    static final List<String> FAULTS = List.of("errors-5", "errors-20", "slow-900", "cb-open", "unready-after-2",
            "crash-after-2");
    static final List<String> SERVICES = List.of("deployer", "health-monitor", "rollback-controller", "build-listener");

    /** The operations of a seed, in order. */
    static List<Operation> plan(long seed, int count) {
        Random random = new Random(seed);
        int total = java.util.Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();
        List<Operation> plan = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int pick = random.nextInt(total);
            Kind kind = null;
            for (Kind candidate : Kind.values()) {
                pick -= candidate.weight;
                if (pick < 0) {
                    kind = candidate;
                    break;
                }
            }
            String fault = FAULTS.get(random.nextInt(FAULTS.size()));
            String service = kind == Kind.CRASH ? (random.nextBoolean() ? "deployer" : "rollback-controller")
                    : SERVICES.get(random.nextInt(SERVICES.size()));
            plan.add(new Operation(i, kind, fault, service, random.nextInt(1000)));
        }
        return plan;
    }

    @Override
    public String toString() {
        String detail = switch (kind) {
            case FAULTY, FAULTY_THEN_FIX -> " " + fault;
            case RESTART, CRASH -> " " + service;
            default -> "";
        };
        return "#" + index + " " + kind.name().toLowerCase().replace('_', '-') + detail;
    }
}
