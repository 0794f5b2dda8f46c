package io.switchback.sandbox;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What a scripted story says as it goes: timed lines, and on a failure what happened so far. */
final class StoryOutput {

    private final Sandbox sandbox;
    private final PrintWriter out;

    StoryOutput(Sandbox sandbox, PrintWriter out) {
        this.sandbox = sandbox;
        this.out = out;
    }

    void say(String format, Object... args) {
        out.printf("[%7.3f s] %s%n", Duration.between(sandbox.startedAt(), Instant.now()).toMillis() / 1000.0,
                format.formatted(args));
        out.flush();
    }

    /** Says that {@code what} did not happen and prints the timeline so far. */
    <T> Optional<T> failed(String what) {
        say("FAILED: %s", what);
        out.println("Timeline so far:");
        TimelinePrinter.print(out, sandbox.startedAt(), sandbox.timeline());
        return Optional.empty();
    }

    static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
