package io.switchback.sandbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answers the edge gave to build events, by status, as the edge itself counted them: its
 * {@code http.server.requests} timers for {@code /v1/builds}. The ingress bench reads them instead of having wrk hand
 * every answer to its Lua script: that hook copies each answer's headers and body into Lua, CPU the load generator
 * takes from the 2 cores the edge runs on (docs/benchmarks.md).
 */
record EdgeStatuses(Map<Integer, Long> counts) {

    static final String METRIC = "http.server.requests";
    static final String BUILDS = "/v1/builds";
    static final int ACCEPTED = 202;

    EdgeStatuses {
        counts = Map.copyOf(counts);
    }

    static EdgeStatuses of(MeterRegistry registry) {
        Map<Integer, Long> counts = new HashMap<>();
        for (Timer timer : registry.find(METRIC).tag("uri", BUILDS).timers()) {
            counts.merge(Integer.parseInt(timer.getId().getTag("status")), timer.count(), Long::sum);
        }
        return new EdgeStatuses(counts);
    }

    /** The answers given since {@code before}. */
    EdgeStatuses since(EdgeStatuses before) {
        Map<Integer, Long> since = new HashMap<>();
        counts.forEach((status, count) -> {
            long more = count - before.counts.getOrDefault(status, 0L);
            if (more > 0) {
                since.put(status, more);
            }
        });
        return new EdgeStatuses(since);
    }

    long accepted() {
        return counts.getOrDefault(ACCEPTED, 0L);
    }

    /**
     * Whether every answer was a 202: the figures of a run whose requests were refused (a 401 for a timestamp the
     * edge's clock skew no longer allows, a 429, a 503) are not the figures of writes. Says which statuses came
     * otherwise.
     */
    boolean onlyAccepted(PrintWriter out, String run) {
        List<String> others = others();
        if (!others.isEmpty()) {
            out.printf("bench: FAILED: %s was answered otherwise than 202: %s%n", run, String.join(", ", others));
            out.flush();
        }
        return others.isEmpty();
    }

    /** Every status but 202 with its count, in order of status: {@code status 401 14553}. */
    List<String> others() {
        return new TreeMap<>(counts).entrySet().stream().filter(e -> e.getKey() != ACCEPTED)
                .map(e -> "status " + e.getKey() + " " + e.getValue()).toList();
    }
}
