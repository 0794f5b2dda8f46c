package io.switchback.healthmonitor;

import io.switchback.events.HealthCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A release as the evaluator sees it, simulated: two pods sharing a steady number of requests a second, each
 * request failing with one probability and slower than 500 ms with another (binomial counts, seeded), scraped as
 * cumulative counters and histogram buckets, one evaluation per second by a real {@link ReleaseEvaluator}. Every
 * verdict counts as acknowledged by Kafka.
 */
final class SimulatedRelease {

    static final Instant T0 = Instant.parse("2026-11-26T10:15:00Z");
    private static final int PODS = 2;

    private final ReleaseEvaluator evaluator;
    private final int requestsPerSecond;
    private final RandomGenerator random;
    private final long[] requests = new long[PODS];
    private final long[] errors = new long[PODS];
    private final long[] slow = new long[PODS];
    private final Map<HealthCheck, Integer> firstBreach = new EnumMap<>(HealthCheck.class);
    private int second;

    SimulatedRelease(HealthRules rules, int requestsPerSecond, RandomGenerator random) {
        this.evaluator = new ReleaseEvaluator(rules);
        this.requestsPerSecond = requestsPerSecond;
        this.random = random;
    }

    /** One second of traffic, then one evaluation; returns its verdicts. */
    List<Verdict> second(double errorShare, double slowShare) {
        second++;
        List<PodSample> pods = new ArrayList<>();
        for (int pod = 0; pod < PODS; pod++) {
            int n = requestsPerSecond / PODS + (pod < requestsPerSecond % PODS ? 1 : 0);
            requests[pod] += n;
            errors[pod] += binomial(random, n, errorShare);
            slow[pod] += binomial(random, n, slowShare);
            double fast = requests[pod] - slow[pod];
            // slow requests take 0.5 to 1 s; the others under 100 ms
            pods.add(new PodSample("pod-" + pod, new PodMetrics(requests[pod], errors[pod], Map.of(0.1, fast, 0.5, fast,
                    1.0, (double) requests[pod], Double.POSITIVE_INFINITY, (double) requests[pod]), 0), true));
        }
        List<Verdict> verdicts = evaluator.evaluate(ReleaseSnapshot.of(T0.plusSeconds(second), pods));
        for (Verdict verdict : verdicts) {
            evaluator.reported(verdict);
            if (verdict.kind() == Verdict.Kind.BREACHED) {
                firstBreach.putIfAbsent(verdict.result().check(), second);
            }
        }
        return verdicts;
    }

    /** The second of the check's first breach, if it breached. */
    Optional<Integer> firstBreach(HealthCheck check) {
        return Optional.ofNullable(firstBreach.get(check));
    }

    int seconds() {
        return second;
    }

    /** A binomial draw by inversion: exact, and fast for the small means these simulations need most. */
    static int binomial(RandomGenerator random, int n, double p) {
        if (p <= 0 || n == 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (p > 0.5) {
            return n - binomial(random, n, 1 - p);
        }
        double ratio = p / (1 - p);
        double pmf = Math.pow(1 - p, n);
        double cdf = pmf;
        double u = random.nextDouble();
        int x = 0;
        while (u > cdf && x < n) {
            pmf *= ratio * (n - x) / (x + 1);
            x++;
            cdf += pmf;
        }
        return x;
    }
}
