package io.switchback.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a sample workload pod behaves, chosen by its image tag so that a build event alone picks it.
 * Grammar (the tag is what follows the last {@code :} after the last {@code /}):
 * <pre>
 *   tag     = version *( "-" fault )
 *   fault   = "errors-" PERCENT    ; that share of responses are 500s, e.g. errors-5, errors-0.5
 *           / "slow-" MILLIS       ; latency uniform in [MILLIS/2, MILLIS]: p95 about MILLIS
 *           / "unready"            ; the pod never becomes ready
 *           / "cb-open"            ; the circuit breaker gauge reports open
 * </pre>
 * Words before the first fault belong to the version ({@code 2.0.0-rc1}). A malformed or unknown fault
 * ({@code errors-x}) is ignored with a reason in {@link #problems()}, never a crash.
 *
 * @param version     the tag without its faults, e.g. {@code 1.5.0}
 * @param errorRatio  share of responses that fail, 0..1
 * @param slowMillis  the p95 latency to simulate, 0 for the healthy default
 */
public record WorkloadBehaviour(String version, double errorRatio, int slowMillis, boolean unready,
        boolean circuitBreakerOpen, List<String> problems) {

    private static final Set<String> FAULTS = Set.of("errors", "slow", "unready", "cb");


    public static WorkloadBehaviour fromImage(String image) {
        if (image == null || image.isBlank()) {
            return new WorkloadBehaviour("latest", 0, 0, false, false, List.of("no image: healthy defaults"));
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        int colon = lastSegment.lastIndexOf(':');
        String tag = colon < 0 ? "latest" : lastSegment.substring(colon + 1);
        List<String> tokens = List.of(tag.split("-"));
        int firstFault = 1;
        while (firstFault < tokens.size() && !FAULTS.contains(tokens.get(firstFault))) {
            firstFault++;
        }
        double errorRatio = 0;
        int slowMillis = 0;
        boolean unready = false;
        boolean circuitBreakerOpen = false;
        List<String> problems = new ArrayList<>();
        for (int i = firstFault; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            switch (token) {
                case "errors" -> {
                    Double percent = number(next, 0, 100);
                    if (percent == null) {
                        problems.add("'errors' needs a percentage 0..100, got '" + next + "': ignored");
                    } else {
                        errorRatio = percent / 100;
                        i++;
                    }
                }
                case "slow" -> {
                    Double millis = number(next, 1, 60_000);
                    if (millis == null) {
                        problems.add("'slow' needs milliseconds 1..60000, got '" + next + "': ignored");
                    } else {
                        slowMillis = millis.intValue();
                        i++;
                    }
                }
                case "unready" -> unready = true;
                case "cb" -> {
                    if ("open".equals(next)) {
                        circuitBreakerOpen = true;
                        i++;
                    } else {
                        problems.add("'cb' must be followed by 'open', got '" + next + "': ignored");
                    }
                }
                default -> problems.add("unknown fault '" + token + "': ignored");
            }
        }
        String version = String.join("-", tokens.subList(0, firstFault));
        return new WorkloadBehaviour(version, errorRatio, slowMillis, unready, circuitBreakerOpen,
                List.copyOf(problems));
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
