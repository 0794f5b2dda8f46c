package io.switchback.events;

import java.time.Instant;
import java.util.List;

/** One realistic example of every event type: the catalogue shows them, the tests round-trip them. */
final class EventExamples {

    static final Instant T0 = Instant.parse("2026-11-26T10:15:30.120Z");
    private static final String ENV = "staging";
    private static final String SVC = "checkout";
    private static final String DEP = "checkout-staging-7f3a9c1";
    private static final String GOOD = "registry.example/checkout:1.4.0";
    private static final String BAD = "registry.example/checkout:1.5.0-errors-5";
    private static final String BREACH_ID = "5b0f7f52-34c5-4d4c-9a7c-1e2d3c4b5a69";

    private EventExamples() {
    }

    static List<SwitchbackEvent> all() {
        RollbackCause breach = new RollbackCause(RollbackTrigger.HEALTH_BREACH, BREACH_ID, HealthCheck.ERROR_RATE,
                0.052, 0.01, "error-rate 5.2% > 1% over 10s (1,040 requests)");
        return List.of(
                new BuildCompleted("0d9c3a1e-9f1b-4f5e-8c1a-2b3c4d5e6f70", T0, SVC, BAD, "7f3a9c1", "main",
                        "acme/checkout", 9_876_543_210L, BuildConclusion.SUCCESS, 1),
                new RollbackRequested("a1e2c3d4-0000-4000-8000-000000000001", T0, ENV, SVC,
                        "customers report failed payments", "octocat", null),
                new PromotionApproved("a1e2c3d4-0000-4000-8000-000000000002", T0, "production", SVC,
                        "checkout-production-7f3a9c1", "release-manager", "canary clean for 15 minutes"),
                new DeploymentRetryRequested("a1e2c3d4-0000-4000-8000-000000000003", T0, ENV, SVC, DEP,
                        "octocat", null),
                new VerificationRecorded("a1000000-0000-4000-8000-000000000009", T0.plusSeconds(300), ENV, SVC,
                        "0d9c3a1e-9f1b-4f5e-8c1a-2b3c4d5e6f70", "load-test", VerificationOutcome.PASSED,
                        "p95 82 ms < 100 ms at 1000 virtual users", "https://github.com/acme/checkout/actions/runs/9876543210",
                        "acme/checkout service-release.yml"),
                new DeploymentStarted("b2000000-0000-4000-8000-000000000001", T0, ENV, SVC, DEP, BAD, "7f3a9c1",
                        "0d9c3a1e-9f1b-4f5e-8c1a-2b3c4d5e6f70", Color.GREEN, Color.BLUE, GOOD, null, null, null),
                new DeploymentReady("b2000000-0000-4000-8000-000000000002", T0.plusSeconds(4), ENV, SVC, DEP,
                        Color.GREEN, BAD, 3, 4_210),
                new DeploymentCanaryStarted("b2000000-0000-4000-8000-000000000010", T0.plusSeconds(4).plusMillis(500),
                        ENV, SVC, DEP, Color.GREEN, BAD, 1, Color.BLUE, 3, T0.plusSeconds(304)),
                new DeploymentHeld("b2000000-0000-4000-8000-000000000011", T0.plusSeconds(4).plusMillis(600), "production",
                        SVC, "checkout-production-7f3a9c1", BAD, "us-east1", "ready in this cluster; us-east1 has not"
                        + " reported ready yet, and no region switches before it does", T0.plusSeconds(724)),
                new DeploymentTrafficSwitched("b2000000-0000-4000-8000-000000000003", T0.plusSeconds(5), ENV, SVC,
                        DEP, Color.GREEN, BAD, Color.BLUE, GOOD, T0.plusSeconds(5 + 900),
                        new HookRun("checkout-pre-swap-7f3a9c1e", T0.plusSeconds(4), T0.plusSeconds(5).minusMillis(40),
                                HookOutcome.SUCCEEDED, null)),
                new DeploymentStable("b2000000-0000-4000-8000-000000000004", T0.plusSeconds(905), ENV, SVC, DEP,
                        Color.GREEN, BAD, 900_000, "7f3a9c1", "0d9c3a1e-9f1b-4f5e-8c1a-2b3c4d5e6f70", 9876543210L, 1),
                new DeploymentFailed("b2000000-0000-4000-8000-000000000005", T0.plusSeconds(125), ENV, SVC, DEP, BAD,
                        DeploymentStage.READINESS, "2 of 3 pods not ready after the 120s progress deadline",
                        Color.BLUE, null),
                new DeploymentSuperseded("b2000000-0000-4000-8000-000000000006", T0.plusSeconds(2), ENV, SVC, DEP,
                        BAD, "checkout-staging-8e4b0d2"),
                new DeploymentSkipped("b2000000-0000-4000-8000-000000000008", T0.plusSeconds(3), ENV, SVC,
                        "0d9c3a1e-9f1b-4f5e-8c1a-2b3c4d5e6f71", "io.switchback.build.completed.v1",
                        "checkout-staging-1a2b3c4d5e", GOOD,
                        "build of run 9876543200 attempt 1 is not newer than run 9876543210 attempt 1, already taken",
                        DEP),
                new DeploymentPromotionPending("b2000000-0000-4000-8000-000000000007", T0.plusSeconds(906),
                        "production", SVC, "checkout-production-7f3a9c1", BAD, "7f3a9c1", ENV, DEP, "approval",
                        "checkout-production-5d2e8a0"),
                new HealthBreached(BREACH_ID, T0.plusSeconds(8), ENV, SVC, DEP, Color.GREEN, BAD,
                        HealthCheck.ERROR_RATE, 0.052, 0.01, "ratio", 5_000, 250, 4, 1,
                        T0.plusSeconds(4), MetricSource.DIRECT_SCRAPE,
                        "13 of 250 requests failed (5.20%, threshold 1.00%) in 5.00 s; the Shiryaev-Roberts statistic"
                                + " for 4.69% against the 0.50% baseline is 3.68e+07, above its threshold 5.18e+06"
                                + " (one false alarm in 2.00 months at the baseline)"),
                new HealthRecovered("c3000000-0000-4000-8000-000000000002", T0.plusSeconds(60), ENV, SVC, DEP,
                        Color.GREEN, BAD, HealthCheck.P95_LATENCY, 212.0, 500.0, "ms", 41_000, 2_050),
                new HealthInconclusive("c3000000-0000-4000-8000-000000000003", T0.plusSeconds(6), ENV, SVC, DEP,
                        Color.GREEN, BAD, HealthCheck.ERROR_RATE, "no ready pod of the live colour could be scraped",
                        10_000, 0, 4),
                new HealthSoakPassed("c3000000-0000-4000-8000-000000000004", T0.plusSeconds(902), ENV, SVC, DEP,
                        Color.GREEN, BAD, T0, T0.plusSeconds(900), 871_000, 720_000, 29_000),
                new HealthSoakHeld("c3000000-0000-4000-8000-000000000005", T0.plusSeconds(900), ENV, SVC, DEP,
                        Color.GREEN, BAD, T0, T0.plusSeconds(900), 402_000, 720_000, 496_000,
                        "error-rate: 31 requests in the window, 40 needed for a verdict"),
                new HealthEvidence("c3000000-0000-4000-8000-000000000006", T0.plusSeconds(10), ENV, SVC, DEP,
                        Color.GREEN, BAD, JudgedPhase.SOAK, T0.plusSeconds(5), 250, 0.052, 0.01, 84.5, 500.0,
                        MetricSource.DIRECT_SCRAPE),
                new RollbackStarted("d4000000-0000-4000-8000-000000000001", T0.plusSeconds(8).plusMillis(12), ENV,
                        SVC, DEP, "rb-5b0f7f52", breach, Color.GREEN, Color.BLUE),
                new RollbackCompleted("d4000000-0000-4000-8000-000000000002", T0.plusSeconds(8).plusMillis(40), ENV,
                        SVC, DEP, "rb-5b0f7f52", breach, Color.GREEN, Color.BLUE, GOOD,
                        new RollbackTimings(T0.plusSeconds(4), T0.plusSeconds(8),
                                T0.plusSeconds(8).plusMillis(12), T0.plusSeconds(8).plusMillis(38))),
                new RollbackFailed("d4000000-0000-4000-8000-000000000003", T0.plusSeconds(70), ENV, SVC, DEP,
                        "rb-5b0f7f52", breach, "blue has 0 ready replicas after 60s; traffic left on green",
                        Color.GREEN),
                new RollbackHookFinished("d4000000-0000-4000-8000-000000000005", T0.plusSeconds(70), ENV, SVC, DEP,
                        "rb-5b0f7f52", new HookRun("checkout-rollback-3c9d1f0a", T0.plusSeconds(8).plusMillis(60),
                                T0.plusSeconds(70), HookOutcome.SUCCEEDED, null)),
                new RollbackSkipped("d4000000-0000-4000-8000-000000000004", T0.plusSeconds(9), ENV, SVC, DEP, breach,
                        "deployment checkout-staging-7f3a9c1 is no longer live", "checkout-staging-8e4b0d2"));
    }
}
