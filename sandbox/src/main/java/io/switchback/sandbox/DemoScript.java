package io.switchback.sandbox;

import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HealthBreached;
import io.switchback.events.RollbackCompleted;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The demo: checkout live on blue at 1.4.0; a healthy 1.5.0 rolls out and takes the traffic; a 1.6.0 whose
 * image makes 5% of responses fail rolls out, takes the traffic, is detected, and traffic goes back.
 * Prints the event timeline and the measured figures; succeeds only if every step happened and traffic
 * was restored within the 60 s RTO.
 */
final class DemoScript {

    static final String HEALTHY = "registry.example/checkout:1.5.0";
    static final String FAULTY = "registry.example/checkout:1.6.0-errors-5";
    static final Duration RTO = Duration.ofSeconds(60);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);

    private final Sandbox sandbox;
    private final PrintWriter out;
    private final Duration healthyObservation;
    private final StoryOutput story;

    DemoScript(Sandbox sandbox, PrintWriter out, Duration healthyObservation) {
        this.sandbox = sandbox;
        this.out = out;
        this.healthyObservation = healthyObservation;
        this.story = new StoryOutput(sandbox, out);
    }

    /** @return the figures of the bad release, or empty if a step did not happen (said on {@code out}) */
    Optional<LoopFigures> run() {
        Releases releases = new Releases(sandbox);
        say("checkout is live on blue at 1.4.0, %d requests/s flowing", TrafficGenerator.DEFAULT_RATE);
        if (!trafficFrom("1.4.0", sandbox.startedAt())) {
            return failed("no traffic answered by 1.4.0");
        }
        say("shipping a healthy build: %s", HEALTHY);
        Optional<DeploymentTrafficSwitched> healthy = releases.release(HEALTHY);
        if (healthy.isEmpty() || !trafficFrom("1.5.0", healthy.get().occurredAt())) {
            return failed("the healthy release did not take the traffic");
        }
        say("1.5.0 serves the traffic; watching it for %d s (a healthy release must not be rolled back)",
                healthyObservation.toSeconds());
        if (sandbox.timeline().await(HealthBreached.class, b -> b.deploymentId().equals(healthy.get().deploymentId()),
                healthyObservation).isPresent()) {
            return failed("a false breach of the healthy release");
        }
        say("shipping a bad build: %s (5%% of responses fail)", FAULTY);
        Optional<DeploymentTrafficSwitched> bad = releases.release(FAULTY);
        if (bad.isEmpty()) {
            return failed("the bad release did not roll out");
        }
        String badId = bad.get().deploymentId();
        Optional<HealthBreached> breach = sandbox.timeline().await(HealthBreached.class,
                b -> b.deploymentId().equals(badId), STEP_TIMEOUT);
        Optional<RollbackCompleted> rollback = sandbox.timeline().await(RollbackCompleted.class,
                r -> r.deploymentId().equals(badId), STEP_TIMEOUT);
        if (breach.isEmpty() || rollback.isEmpty()) {
            return failed("the bad release was not detected and rolled back");
        }
        Optional<LoopFigures> figures = LoopFigures.await(sandbox.traffic(),
                r -> "1.6.0".equals(r.version()) && !r.ok(), bad.get().occurredAt(), "1.5.0", breach.get(),
                rollback.get(), STEP_TIMEOUT);
        if (figures.isEmpty()) {
            return failed("the traffic record does not show the fault and the restoration");
        }
        return figures;
    }

    private boolean trafficFrom(String version, Instant after) {
        Instant deadline = Instant.now().plus(STEP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (sandbox.traffic().first(after, r -> r.ok() && version.equals(r.version())).isPresent()) {
                return true;
            }
            StoryOutput.pause();
        }
        return false;
    }

    void report(LoopFigures figures) {
        out.println();
        out.println("Timeline (seconds from the start):");
        TimelinePrinter.print(out, sandbox.startedAt(), sandbox.timeline());
        out.println();
        out.println("Measured from the traffic record (every response the generator got):");
        out.printf("  fault onset -> breach emitted       %6d ms%n", figures.onsetToBreach().toMillis());
        out.printf("  breach emitted -> selector switched %6d ms%n", figures.breachToSwitched().toMillis());
        out.printf("  selector switched -> traffic back   %6d ms%n", figures.switchedToRestored().toMillis());
        out.printf("  fault onset -> traffic restored     %6d ms  (RTO budget %d s)%n",
                figures.onsetToRestored().toMillis(), RTO.toSeconds());
        out.flush();
    }


    private <T> Optional<T> failed(String what) {
        return story.failed(what);
    }

    private void say(String format, Object... args) {
        story.say(format, args);
    }

}
