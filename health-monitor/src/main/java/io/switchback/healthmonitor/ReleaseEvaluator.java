package io.switchback.healthmonitor;

import io.switchback.events.HealthCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges one release, evaluation after evaluation: counts the traffic each snapshot brings, runs the enabled
 * checks over it and returns the verdicts due, and tallies its soak ({@link SoakTally}). Pure: it scrapes and
 * publishes nothing.
 */
public final class ReleaseEvaluator {

    private final HealthRules rules;
    private final TrafficIncrements traffic = new TrafficIncrements();
    private final PodEvidence pods;
    private final List<TriggerCheck> checks = new ArrayList<>();
    private final Map<HealthCheck, CheckTracker> trackers = new EnumMap<>(HealthCheck.class);
    private final double soakCoverage;
    private SoakTally soak;
    private final CanaryBaseline baseline;
    private final EvidenceTally evidence;
    private EvidenceTally.Figures figuresDue;

    public ReleaseEvaluator(HealthRules rules) {
        this(rules, SoakTally.DEFAULT_COVERAGE, HealthProperties.CanaryBaseline.DEFAULTS, Duration.ZERO);
    }

    /**
     * @param soakCoverage the share of the soak every check must have passed over for the soak to pass
     * @param canary       how a canary is judged against the live colour
     * @param evidence     how often the release's figures are taken for {@code health.evidence}; zero: never
     */
    public ReleaseEvaluator(HealthRules rules, double soakCoverage, HealthProperties.CanaryBaseline canary,
            Duration evidence) {
        this.rules = rules;
        this.evidence = new EvidenceTally(evidence);
        this.baseline = new CanaryBaseline(canary);
        // the z statistic is its own confirmation, as a sequential test's threshold is
        trackers.put(HealthCheck.CANARY_BASELINE, new CheckTracker(1, rules.consecutiveFailures()));
        this.soakCoverage = soakCoverage;
        this.soak = new SoakTally(soakCoverage, rules.evaluationInterval());
        this.pods = new PodEvidence(rules.unreadyGrace());
        for (HealthCheck check : TRIGGERS) {
            if (rules.enabled().contains(check)) {
                TriggerCheck trigger = checkFor(check, rules);
                checks.add(trigger);
                // a sequential test's own threshold is its confirmation: it breaches on the evaluation it crosses
                int failures = trigger instanceof ShareCheck ? 1 : rules.consecutiveFailures();
                trackers.put(check, new CheckTracker(failures, rules.consecutiveFailures()));
            }
        }
    }

    /** The checks of one colour's pods; the canary's comparison with the live colour is apart ({@link CanaryBaseline}). */
    static final Set<HealthCheck> TRIGGERS = EnumSet.of(HealthCheck.ERROR_RATE, HealthCheck.P95_LATENCY,
            HealthCheck.CIRCUIT_BREAKER, HealthCheck.HEALTH_ENDPOINT);

    static TriggerCheck checkFor(HealthCheck check, HealthRules rules) {
        return switch (check) {
            case ERROR_RATE -> new ErrorRateCheck(rules.errorRateBaseline(), rules.errorRateThreshold(),
                    rules.evaluationsPerFalseAlarm(), rules.evaluationInterval(), rules.window());
            case P95_LATENCY -> new LatencyCheck(rules.p95Threshold(), rules.slowShareBaseline(),
                    rules.evaluationsPerFalseAlarm(), rules.evaluationInterval(), rules.window());
            case CIRCUIT_BREAKER -> new CircuitBreakerCheck();
            case HEALTH_ENDPOINT -> new HealthEndpointCheck();
            case CANARY_BASELINE -> throw new IllegalArgumentException("the canary's baseline is judged on two colours");
        };
    }

    public HealthRules rules() {
        return rules;
    }

    public List<Verdict> evaluate(ReleaseSnapshot snapshot) {
        WindowStats stats = traffic.add(snapshot).withPods(pods.observe(snapshot));
        List<Verdict> due = new ArrayList<>();
        List<CheckResult> results = new ArrayList<>();
        for (TriggerCheck check : checks) {
            CheckResult result = check.evaluate(stats);
            results.add(result);
            trackers.get(check.check()).observe(result, snapshot.at()).ifPresent(due::add);
        }
        boolean breach = due.stream().anyMatch(v -> v.kind() == Verdict.Kind.BREACHED);
        evidence.add(stats, breach).ifPresent(figures -> figuresDue = figures);
        soak.observe(snapshot.at(), results);
        return due;
    }

    /** The figures of the evidence interval that ended at the latest evaluation, once: a reading for a chart. */
    Optional<EvidenceTally.Figures> takeFigures() {
        Optional<EvidenceTally.Figures> due = Optional.ofNullable(figuresDue);
        figuresDue = null;
        return due;
    }

    /** The soak's verdict, if one is due at {@code now}: passed, or held while its window ended short of a pass. */
    Optional<SoakTally.SoakVerdict> soakVerdict(WatchedRelease release, Instant now) {
        return soak.due(release.switchedAt(), release.rollbackWindowEndsAt(), now);
    }

    /** A canary took the traffic: its checks go on, its soak is tallied from here, apart from its canary's time. */
    void startSoak() {
        soak = new SoakTally(soakCoverage, rules.evaluationInterval());
    }

    /** The soak's verdict reached Kafka. */
    void soakReported(SoakTally.SoakVerdict verdict) {
        soak.reported(verdict);
    }

    /** A canary against the live colour beside it: the verdict due, if any. */
    public Optional<Verdict> compare(ReleaseSnapshot canary, ReleaseSnapshot live) {
        return trackers.get(HealthCheck.CANARY_BASELINE).observe(baseline.evaluate(canary, live), canary.at());
    }

    /** The verdict reached Kafka: it will not be offered again. */
    public void reported(Verdict verdict) {
        trackers.get(verdict.result().check()).reported(verdict);
    }
}
