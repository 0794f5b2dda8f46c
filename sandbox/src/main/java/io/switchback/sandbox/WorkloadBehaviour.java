package io.switchback.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a sample workload pod behaves, chosen by its image tag so that a build event alone picks it.
 * Grammar (the tag is what follows the last {@code :} after the last {@code /}):
 * <pre>
 *   tag     = version *( "-" fault )
 *   fault   = "errors-" PERCENT          ; that share of responses are 500s, e.g. errors-5, errors-0.5
 *           / "slow-" MILLIS             ; latency uniform in [MILLIS/2, MILLIS]: p95 about MILLIS
 *           / "unready"                  ; the pod never becomes ready
 *           / "unready-after-" SECONDS   ; the health endpoint fails SECONDS after the pod first became ready
 *           / "crash-after-" SECONDS     ; the process exits SECONDS after each time it became ready: a crash loop
 *           / "cb-open"                  ; the circuit breaker gauge reports open
 *           / "hook-" ( "fails" / "hangs" / SECONDS "s" ) ; not the pods': how a hook Job running this image ends
 *                                          ; (SimulatedJobs), and only as the tag's last fault
 * </pre>
 * Words before the first fault belong to the version ({@code 2.0.0-rc1}). A malformed or unknown fault
 * ({@code errors-x}) is ignored with a reason in {@link #problems()}, never a crash.
 *
 * @param version      the tag without its faults, e.g. {@code 1.5.0}
 * @param errorRatio   share of responses that fail, 0..1
 * @param slowMillis   the p95 latency to simulate, 0 for the healthy default
 * @param unready      the health endpoint never answers UP
 * @param unreadyAfter how long after the pod first became ready its health endpoint starts failing; null: never
 * @param crashAfter   how long after each readiness the process exits; null: never
 */
public record WorkloadBehaviour(String version, double errorRatio, int slowMillis, boolean unready,
        Duration unreadyAfter, Duration crashAfter, boolean circuitBreakerOpen, List<String> problems) {

    private static final Set<String> FAULTS = Set.of("errors", "slow", "unready", "crash", "cb", "hook");
    private static final double MAX_SECONDS = 86_400;

    public static WorkloadBehaviour fromImage(String image) {
        if (image == null || image.isBlank()) {
            return new WorkloadBehaviour("latest", 0, 0, false, null, null, false, List.of("no image: healthy defaults"));
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        int colon = lastSegment.lastIndexOf(':');
        String tag = colon < 0 ? "latest" : lastSegment.substring(colon + 1);
        List<String> tokens = List.of(tag.split("-"));
        int firstFault = 1;
        while (firstFault < tokens.size() && !FAULTS.contains(tokens.get(firstFault))) {
            firstFault++;
        }
        Parsed parsed = new Parsed(tokens);
        int i = firstFault;
        while (i < tokens.size()) {
            i = parsed.fault(i);
        }
        return new WorkloadBehaviour(String.join("-", tokens.subList(0, firstFault)), parsed.errorRatio,
                parsed.slowMillis, parsed.unready, parsed.unreadyAfter, parsed.crashAfter, parsed.circuitBreakerOpen,
                List.copyOf(parsed.problems));
    }

    /** The faults read so far. */
    private static final class Parsed {
        private final List<String> tokens;
        private final List<String> problems = new ArrayList<>();
        private double errorRatio;
        private int slowMillis;
        private boolean unready;
        private Duration unreadyAfter;
        private Duration crashAfter;
        private boolean circuitBreakerOpen;

        Parsed(List<String> tokens) {
            this.tokens = tokens;
        }

        /** Reads the fault at {@code i}; returns the index of the next one. */
        int fault(int i) {
            String token = tokens.get(i);
            String next = at(i + 1);
            switch (token) {
                case "errors" -> {
                    Double percent = number(next, 0, 100);
                    if (percent != null) {
                        errorRatio = percent / 100;
                        return i + 2;
                    }
                    problems.add("'errors' needs a percentage 0..100, got '" + next + "': ignored");
                }
                case "slow" -> {
                    Double millis = number(next, 1, 60_000);
                    if (millis != null) {
                        slowMillis = millis.intValue();
                        return i + 2;
                    }
                    problems.add("'slow' needs milliseconds 1..60000, got '" + next + "': ignored");
                }
                case "unready" -> {
                    if (!"after".equals(next)) {
                        unready = true;
                        return i + 1;
                    }
                    unreadyAfter = seconds("unready-after", at(i + 2));
                    return unreadyAfter == null ? i + 2 : i + 3;
                }
                case "crash" -> {
                    if ("after".equals(next)) {
                        crashAfter = seconds("crash-after", at(i + 2));
                        return crashAfter == null ? i + 2 : i + 3;
                    }
                    problems.add("'crash' must be followed by 'after-SECONDS', got '" + next + "': ignored");
                }
                case "cb" -> {
                    if ("open".equals(next)) {
                        circuitBreakerOpen = true;
                        return i + 2;
                    }
                    problems.add("'cb' must be followed by 'open', got '" + next + "': ignored");
                }
                case "hook" -> {
                    // a hook Job's fate, read by the simulated Job controller: the pods run as they would
                    return i + 2;
                }
                default -> problems.add("unknown fault '" + token + "': ignored");
            }
            return i + 1;
        }

        private Duration seconds(String fault, String token) {
            Double seconds = number(token, 0, MAX_SECONDS);
            if (seconds == null || seconds <= 0) {
                problems.add("'" + fault + "' needs seconds above 0, up to 86400, got '" + token + "': ignored");
                return null;
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        }

        private String at(int index) {
            return index < tokens.size() ? tokens.get(index) : null;
        }
    }

    /** The token as a number within [min, max], or null. */
    private static Double number(String token, double min, double max) {
        if (token == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(token);
            return value >= min && value <= max ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
