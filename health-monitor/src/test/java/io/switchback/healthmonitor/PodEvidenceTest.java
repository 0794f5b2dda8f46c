package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.HealthCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Pods that are down are evidence: what Kubernetes says of the live colour's pods, judged over evaluations. */
class PodEvidenceTest {

    static final Instant T = Instant.parse("2026-11-26T10:15:00Z");
    static final Duration GRACE = Duration.ofSeconds(5);
    final PodEvidence evidence = new PodEvidence(GRACE);

    @Test
    void aPodNotReadyForLongerThanTheGraceIsDownAndWithinItIsNot() {
        PodState unready = new PodState("checkout-green-b", false, T.minusSeconds(3), 0);

        PodHealth within = evidence.observe(snapshot(T, 2, List.of(answered("checkout-green-a", true)),
                ready("checkout-green-a"), unready));
        assertThat(within).as("not yet down; a answers").isEqualTo(new PodHealth(0, 1, "", "", false));

        PodHealth beyond = evidence.observe(snapshot(T.plusSeconds(3), 2, List.of(answered("checkout-green-a", true)),
                ready("checkout-green-a"), unready));
        assertThat(beyond.podsDown()).isEqualTo(1);
        assertThat(beyond.podsJudged()).isEqualTo(2);
        assertThat(beyond.findings()).isEqualTo("1 of 2 pods not ready for 6 s or more: checkout-green-b");

        assertThat(new PodEvidence(GRACE).observe(snapshot(T, 1, List.of(), unready)))
                .as("no verdict while every pod is inside the grace")
                .isEqualTo(new PodHealth(0, 0, "", "1 of 1 pods not ready for 3 s, within the 5 s grace: checkout-green-b",
                        true));
    }

    @Test
    void aPodWhoseContainersRestartedSinceTheWatchStartedIsDown() {
        PodHealth start = evidence.observe(snapshot(T, 2, List.of(answered("a", true), answered("b", true)),
                new PodState("a", true, null, 3), ready("b")));
        assertThat(start.podsDown()).as("restarts before the watch are not this release's news").isZero();

        PodHealth later = evidence.observe(snapshot(T.plusSeconds(1), 3, List.of(answered("a", true),
                answered("b", true)), new PodState("a", true, null, 4), ready("b"), new PodState("c", false, T, 2)));

        assertThat(later.podsDown()).isEqualTo(2);
        assertThat(later.podsJudged()).as("b answered; a and c are down").isEqualTo(3);
        assertThat(later.findings()).isEqualTo("a restarted 1 time; c restarted 2 times");
    }

    @Test
    void fewerPodsThanDesiredForLongerThanTheGraceIsDown() {
        List<PodSample> answering = List.of(answered("a", true), answered("b", true));
        assertThat(evidence.observe(snapshot(T, 3, answering, ready("a"), ready("b"))).podsDown()).isZero();
        assertThat(evidence.observe(snapshot(T.plusSeconds(5), 3, answering, ready("a"), ready("b"))).podsDown())
                .as("within the grace").isZero();

        PodHealth shortOfOne = evidence.observe(snapshot(T.plusSeconds(6), 3, answering, ready("a"), ready("b")));
        assertThat(shortOfOne.podsDown()).isEqualTo(1);
        assertThat(shortOfOne.podsJudged()).isEqualTo(3);
        assertThat(shortOfOne.findings()).isEqualTo("1 of 3 desired pods missing for 6 s");

        List<PodSample> three = List.of(answered("a", true), answered("b", true), answered("c", true));
        evidence.observe(snapshot(T.plusSeconds(7), 3, three, ready("a"), ready("b"), ready("c")));
        assertThat(evidence.observe(snapshot(T.plusSeconds(8), 3, answering, ready("a"), ready("b"))).podsDown())
                .as("a new shortfall starts its own grace").isZero();
    }

    @Test
    void aReleaseWhoseEveryPodIsDownBreachesTheHealthEndpointCheckAndIsNeverInconclusive() {
        ReleaseEvaluator evaluator = new ReleaseEvaluator(HealthFixtures.rules(GRACE, EnumSet.copyOf(ReleaseEvaluator.TRIGGERS)));
        PodState a = new PodState("checkout-green-a", false, T.minusSeconds(6), 0);
        PodState b = new PodState("checkout-green-b", false, T.minusSeconds(10), 0);

        List<Verdict> first = evaluator.evaluate(snapshot(T, 2, List.of(), a, b));
        List<Verdict> second = evaluator.evaluate(snapshot(T.plusSeconds(1), 2, List.of(), a, b));

        assertThat(first).as("every pod already down beyond the grace: a failing streak of one").isEmpty();
        Verdict breach = second.stream().filter(v -> v.result().check() == HealthCheck.HEALTH_ENDPOINT)
                .findFirst().orElseThrow();
        assertThat(breach.kind()).isEqualTo(Verdict.Kind.BREACHED);
        assertThat(breach.firstBadAt()).isEqualTo(T);
        assertThat(breach.result().observed()).isEqualTo(2);
        assertThat(breach.result().reason())
                .isEqualTo("2 of 2 pods not ready for 7 s or more: checkout-green-a, checkout-green-b");
        assertThat(second).filteredOn(v -> v.kind() == Verdict.Kind.INCONCLUSIVE)
                .extracting(v -> v.result().check()).as("the traffic checks have no data; the pods are evidence")
                .containsExactlyInAnyOrder(HealthCheck.ERROR_RATE, HealthCheck.P95_LATENCY, HealthCheck.CIRCUIT_BREAKER);
    }

    @Test
    void aTotalOutageInsideTheGraceIsPendingNeverInconclusiveThenABreach() {
        ReleaseEvaluator evaluator = new ReleaseEvaluator(HealthFixtures.rules(GRACE, EnumSet.of(HealthCheck.HEALTH_ENDPOINT)));
        List<Verdict> verdicts = new ArrayList<>();
        evaluator.evaluate(snapshot(T, 2, List.of(answered("a", true), answered("b", true)), ready("a"), ready("b")));
        PodState a = new PodState("a", false, T.plusSeconds(1), 0);
        PodState b = new PodState("b", false, T.plusSeconds(1), 0);
        for (int second = 1; second <= 8; second++) {
            evaluator.evaluate(snapshot(T.plusSeconds(second), 2, List.of(), a, b)).forEach(v -> {
                verdicts.add(v);
                evaluator.reported(v);
            });
        }

        assertThat(verdicts).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Verdict.Kind.BREACHED);
            assertThat(v.firstBadAt()).as("the first evaluation past the 5 s grace").isEqualTo(T.plusSeconds(7));
            assertThat(v.at()).isEqualTo(T.plusSeconds(8));
        });
    }

    @Test
    void aPodNotReadySinceATimeTheClusterDidNotGiveIsMissingData() {
        PodHealth unknown = evidence.observe(snapshot(T, 1, List.of(), new PodState("a", false, null, 0)));

        assertThat(unknown).isEqualTo(new PodHealth(0, 0, "", "a is not ready since a time the cluster did not give",
                false));
    }

    @Test
    void aColourWithNoPodsLeftIsDownOnceTheGraceIsOver() {
        PodHealth gone = evidence.observe(snapshot(T, 2, List.of()));
        assertThat(gone).isEqualTo(new PodHealth(0, 0, "",
                "2 of 2 desired pods missing for 0 s, within the 5 s grace", true));

        PodHealth stillGone = evidence.observe(snapshot(T.plusMillis(5500), 2, List.of()));
        assertThat(stillGone).isEqualTo(new PodHealth(2, 2, "2 of 2 desired pods missing for 5.5 s", "", false));
    }

    @Test
    void aReadyPodThatDoesNotAnswerIsMissingDataNotDown() {
        PodHealth silent = evidence.observe(snapshot(T, 1, List.of(new PodSample("a", null, null)), ready("a")));
        assertThat(silent).isEqualTo(new PodHealth(0, 0, "", "no ready pod of the live colour answered its health endpoint",
                false));

        PodHealth oneAnswers = evidence.observe(snapshot(T.plusSeconds(1), 2,
                List.of(new PodSample("a", null, null), answered("b", true)), ready("a"), ready("b")));
        assertThat(oneAnswers).isEqualTo(new PodHealth(0, 1, "", "", false));
        assertThat(new PodEvidence(GRACE).observe(snapshot(T, 0, List.of())).withoutVerdict())
                .isEqualTo("no pod of the live colour");
    }

    @Test
    void aPodAnsweringItsHealthEndpointWithAnErrorIsDown() {
        PodHealth failing = evidence.observe(snapshot(T, 2, List.of(answered("a", false), answered("b", true)),
                ready("a"), ready("b")));

        assertThat(failing).isEqualTo(new PodHealth(1, 2, "1 of 2 pods fail their health endpoint: a", "", false));
    }

    @Test
    void aReplacementPodStartingWhileOthersServeIsNotDownButCountsWhenNoneIsReady() {
        evidence.observe(snapshot(T, 2, List.of(answered("a", true), answered("b", true)), ready("a"), ready("b")));
        PodState starting = new PodState("c", false, T.minusSeconds(30), 0);

        PodHealth evicted = evidence.observe(snapshot(T.plusSeconds(20), 2, List.of(answered("a", true)), ready("a"),
                starting));
        assertThat(evicted.podsDown()).as("c never served: it is starting").isZero();

        PodHealth noneReady = evidence.observe(snapshot(T.plusSeconds(40), 2, List.of(),
                new PodState("a", false, T.plusSeconds(21), 0), starting));
        assertThat(noneReady.podsDown()).isEqualTo(2);
        assertThat(noneReady.findings()).isEqualTo("2 of 2 pods not ready for 19 s or more: a, c");
    }

    @Test
    void aHealthEndpointAnswering404IsAConfigurationErrorNeitherDownNorHealthy() {
        String notFound = Misconfiguration.HEALTH_PATH_NOT_FOUND.describe("/actuator/health");
        PodHealth misconfigured = evidence.observe(snapshot(T, 2,
                List.of(new PodSample("a", null, null, notFound), new PodSample("b", null, null, notFound)),
                ready("a"), ready("b")));

        assertThat(misconfigured.podsDown()).isZero();
        assertThat(misconfigured.podsJudged()).isZero();
        assertThat(misconfigured.awaitingGrace()).isFalse();
        assertThat(misconfigured.withoutVerdict()).isEqualTo("configuration error, not a failure: health endpoint "
                + "GET /actuator/health answers 404 on a, b (set the service's health-path, see docs/health-monitor.md)");
        assertThat(new HealthEndpointCheck().evaluate(new WindowStats(java.time.Instant.EPOCH, 0, 0, java.util.Map.of(), 0, 0, misconfigured)))
                .satisfies(result -> {
                    assertThat(result.outcome()).isEqualTo(CheckResult.Outcome.INCONCLUSIVE);
                    assertThat(result.reason()).contains("answers 404");
                });
    }

    @Test
    void aLongListOfPodsNamesTheFirstFive() {
        PodState[] pods = IntStream.range(0, 7).mapToObj(i -> new PodState("p" + i, false, T.minusSeconds(9), 0))
                .toArray(PodState[]::new);

        assertThat(evidence.observe(snapshot(T, 7, List.of(), pods)).findings())
                .isEqualTo("7 of 7 pods not ready for 9 s or more: p0, p1, p2, p3, p4 and 2 more");
        assertThat(PodEvidence.seconds(Duration.ofMillis(500))).isEqualTo("0.5 s");
    }

    static ReleaseSnapshot snapshot(Instant at, Integer desired, List<PodSample> samples, PodState... pods) {
        return ReleaseSnapshot.of(at, samples, new ArrayList<>(List.of(pods)), desired);
    }

    static PodState ready(String name) {
        return PodState.serving(name);
    }

    static PodSample answered(String pod, boolean healthy) {
        return new PodSample(pod, null, healthy);
    }
}
