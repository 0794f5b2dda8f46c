package io.switchback.sandbox.scenario;

import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.DeploymentFailed;
import io.switchback.sandbox.EventTimeline;
import io.switchback.sandbox.Sandbox;
import io.switchback.sandbox.SimulatedCluster;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Plays the operations of a seed against the sandbox, one after the other, each waiting (bounded) for its
 * effect; the instance and API faults strike while a release is rolling out. Returns, per operation, what
 * came of it.
 */
final class Week {

    private final Sandbox sandbox;
    private final Operator operator;
    private final Outcomes outcomes;
    private final Ground.Timings timings;
    private final Random random;
    private long runId = 10_000;
    private int version = 1;

    Week(Sandbox sandbox, ScenarioLog log, Ground.Timings timings, long seed) {
        this.sandbox = sandbox;
        this.random = new Random(seed ^ 0x5EEDL);
        this.operator = new Operator(sandbox, log, random);
        this.outcomes = new Outcomes(sandbox.timeline());
        this.timings = timings;
    }

    /** Does one operation; returns what came of it, for the report. */
    String play(Operation op) {
        return switch (op.kind()) {
            case HEALTHY -> release(healthy());
            case FAULTY -> faulty(op.fault());
            case FAULTY_THEN_FIX -> faultyThenFix(op.fault());
            case NEVER_READY -> release(next("-unready"));
            case OLDER -> outcomes.ofBuild(operator.build(healthy(), runId - 5, 1), rolloutBound());
            case DUPLICATE -> duplicate();
            case RERUN -> outcomes.ofBuild(operator.build(healthy(), runId, 2), rolloutBound());
            case MANUAL_ROLLBACK -> manualRollback(op.variant());
            case RETRY -> retry();
            case APPROVE -> outcomes.ofCommand(operator.approve(liveId()), timings.margin());
            case GAP -> gap();
            case RESTART -> during(healthy(), () -> operator.restart(op.service()), op.variant());
            case CRASH -> crash(op.service());
            case API_OUTAGE -> during(healthy(), () -> {
                Duration outage = Duration.ofMillis(2000 + op.variant() * 2);
                operator.apiOutage(outage);
                return "503 for " + outage.toMillis() + " ms";
            }, op.variant());
            case PERSON_EDIT -> during(healthy(), () -> {
                for (int i = 0; i < 3; i++) {
                    operator.personEdits();
                    Pause.of(Duration.ofMillis(200));
                }
                return "3 edits";
            }, op.variant());
        };
    }

    private String release(String image) {
        return outcomes.ofBuild(operator.build(image, nextRun(), 1), rolloutBound());
    }

    private String faulty(String fault) {
        ScenarioLog.PostedBuild build = operator.build(next("-" + fault), nextRun(), 1);
        String outcome = outcomes.ofBuild(build, rolloutBound());
        if (!"switched".equals(outcome)) {
            return outcome;
        }
        String id = outcomes.releaseOf(build, Duration.ZERO).orElseThrow();
        return "switched, " + outcomes.rollbackOf(id, timings.rto().plus(timings.margin()));
    }

    /** The fix ships as soon as the faulty release took traffic: a breach may come during the fix's rollout. */
    private String faultyThenFix(String fault) {
        ScenarioLog.PostedBuild bad = operator.build(next("-" + fault), nextRun(), 1);
        String first = outcomes.ofBuild(bad, rolloutBound());
        Pause.of(Duration.ofMillis(random.nextInt(3000)));
        return first + ", then the fix: " + release(healthy());
    }

    private String duplicate() {
        long run = nextRun();
        String image = healthy();
        ScenarioLog.PostedBuild first = operator.build(image, run, 1);
        ScenarioLog.PostedBuild again = operator.build(image, run, 1);
        return outcomes.ofBuild(first, rolloutBound()) + "; again: " + outcomes.ofBuild(again, rolloutBound());
    }

    private String manualRollback(int variant) {
        String live = liveId();
        ScenarioLog.PostedCommand command = operator.rollback(variant % 2 == 0 ? null : live);
        String outcome = outcomes.ofCommand(command, timings.margin());
        if (variant % 3 == 0) {
            return outcome + "; repeated: " + outcomes.ofCommand(operator.rollback(null), timings.margin());
        }
        return outcome;
    }

    private String retry() {
        List<DeploymentFailed> failed = sandbox.timeline().entries().stream().map(EventTimeline.Entry::event)
                .filter(DeploymentFailed.class::isInstance).map(DeploymentFailed.class::cast).toList();
        String target = failed.isEmpty() ? liveId() : failed.get(failed.size() - 1).deploymentId();
        return outcomes.ofCommand(operator.retry(target == null ? "checkout-staging-none" : target),
                timings.margin());
    }

    private String gap() {
        Duration gap = timings.soak().plusSeconds(3);
        Pause.of(gap);
        return "waited " + gap.toSeconds() + " s";
    }

    /** Ships a build and, a moment into its rollout, does {@code fault}. */
    private String during(String image, java.util.function.Supplier<String> fault, int variant) {
        ScenarioLog.PostedBuild build = operator.build(image, nextRun(), 1);
        Pause.of(Duration.ofMillis(variant % 1500));
        String did = fault.get();
        return did + "; the build: " + outcomes.ofBuild(build, rolloutBound().plus(timings.margin()));
    }

    /** A release whose announcing event the chosen service is killed before writing. */
    private String crash(String service) {
        boolean deployer = "deployer".equals(service);
        String image = deployer ? healthy() : next("-errors-20");
        ScenarioLog.PostedBuild build = operator.build(image, nextRun(), 1);
        String did = operator.crashBeforeEvent(service,
                deployer ? Operator::deploymentsTopic : Operator::rollbacksTopic, timings.rto());
        return did + "; the build: " + outcomes.ofBuild(build, rolloutBound().plus(timings.margin()));
    }

    private String liveId() {
        return ReleaseRecord.of(sandbox.cluster().client(SimulatedCluster.SANDBOX).services()
                .inNamespace(Sandbox.NAMESPACE).withName(Sandbox.SERVICE).get())
                .map(ReleaseRecord::deploymentId).orElse(null);
    }

    private Duration rolloutBound() {
        return timings.progressDeadline().plus(timings.margin());
    }

    private long nextRun() {
        runId += 10;
        return runId;
    }

    private String healthy() {
        return next("");
    }

    private String next(String fault) {
        version++;
        return "registry.example/checkout:2." + version + ".0" + fault;
    }
}
