package io.switchback.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.cluster.Rollout;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HealthEvidence;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackStarted;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.Topic;
import io.switchback.mockapi.Identities;
import io.switchback.sandbox.Sandbox;
import io.switchback.sandbox.scenario.FaultKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Cases 3 to 9 of the reliability suite ({@code docs/reliability.md}): the deployer, the health monitors and the
 * rollback controllers, as processes, killed, paused, starved of Kafka and of the API server while they roll out and
 * roll back. Two health monitors and two rollback controllers, so that one can take over from the other. First in
 * the suite: it runs the most instances, and the ingest cases after it stop those they do not run.
 */
@Order(1)
class ControlReliabilityIT extends RigLifecycle {

    static final Duration RTO = Duration.ofSeconds(60);
    /** The consumer session timeout the services run with here (the scenario's, {@code Scenario.serviceSettings}). */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    private static final Duration STEP = Duration.ofSeconds(120);

    private final AtomicInteger versions = new AtomicInteger(1);

    ControlReliabilityIT() {
        super(List.of(Map.entry("rollback-controller", 2), Map.entry("health-monitor", 2),
                Map.entry("deployer", 1), Map.entry("build-listener", 1)));
    }

    @Test
    @Order(30)
    void aDeployerKilledBetweenItsClusterWriteAndItsEventRollsOutOnceAfterRestart() {
        rig.kafka().refuseWrites(Topic.DEPLOYMENTS.topicName());
        String image = healthyImage();
        String build = rig.releases().build(image);
        Rollout written = awaitRecord("the rollout of " + image + " on the Service",
                r -> r.rollout() != null && build.equals(r.rollout().buildEventId())).rollout();
        String deployer = rig.services().instances("deployer").get(0);
        rig.services().kill(deployer);
        boolean announced = count(DeploymentStarted.class, s -> s.buildEventId().equals(build)) > 0;
        rig.kafka().minInsyncReplicas(Topic.DEPLOYMENTS.topicName(), 2);
        Instant restarted = Instant.now();
        rig.services().startReady("deployer");
        Optional<DeploymentTrafficSwitched> switched = rig.timeline().await(DeploymentTrafficSwitched.class,
                s -> s.deploymentId().equals(written.deploymentId()), STEP);
        long started = count(DeploymentStarted.class, s -> s.buildEventId().equals(build));
        results.add(new Results.Row(3, "deployer `kill -9` after it wrote the rollout to the Service, while "
                + "`switchback.deployments` refused writes (NOT_ENOUGH_REPLICAS); restarted", 1, 1, 1,
                "one rollout: " + started + " `deployment.started`, switched " + (switched.isPresent() ? "once" : "never"),
                switched.isPresent() ? 0 : 1, "switched " + Results.seconds(Duration.between(restarted,
                        switched.map(SwitchbackEvent::occurredAt).orElse(Instant.now()))) + " after the restart"));

        assertThat(announced).as("deployment.started could not be written before the kill").isFalse();
        assertThat(switched).as("the rollout the killed deployer wrote, finished by its successor").isPresent();
        assertThat(started).as("deployment.started of the build, from the outbox, once").isEqualTo(1);
        assertThat(count(DeploymentTrafficSwitched.class, s -> s.deploymentId().equals(written.deploymentId())))
                .isEqualTo(1);
    }

    @Test
    @Order(40)
    void theRollbackControllerOwningTheServiceKilledTheOtherRestoresTrafficWithinTheRto() {
        String owner = awaitOwner("rollback-controller", Topic.HEALTH);
        String restored = FaultKind.versionOf(rig.liveImage());
        String image = faultyImage();
        DeploymentTrafficSwitched bad = release(image);
        rig.services().kill(owner);
        Instant killed = Instant.now();
        RollbackCompleted completed = rig.timeline().await(RollbackCompleted.class,
                r -> r.deploymentId().equals(bad.deploymentId()), STEP).orElseThrow(() -> new AssertionError(
                        "no rollback.completed of " + bad.deploymentId()));
        Restoration restoration = restoration(bad, image, restored);
        results.add(new Results.Row(4, "the rollback controller that owns checkout `kill -9` as the bad release takes "
                + "the traffic, before its breach", 1, 1, 1, "rolled back by the other controller", 0,
                Results.seconds(restoration.onsetToRestored()) + " onset → restored (RTO 60 s); kill → switch "
                + Results.seconds(Duration.between(killed, completed.timings().trafficSwitchedAt()))));

        assertThat(restoration.onsetToRestored()).isLessThanOrEqualTo(RTO);
        assertThat(count(RollbackCompleted.class, r -> r.deploymentId().equals(bad.deploymentId()))).isEqualTo(1);
    }

    @Test
    @Order(41)
    void theOwningRollbackControllerKilledAfterItsSwitchAndBeforeItsAuditTheOtherWritesTheAudit() {
        String owner = awaitOwner("rollback-controller", Topic.HEALTH);
        String restoredColor = rig.liveColor();
        String image = faultyImage();
        // the audit cannot leave the owner's outbox: the owner is caught between its switch and its events
        rig.kafka().refuseWrites(Topic.ROLLBACKS.topicName());
        DeploymentTrafficSwitched bad = release(image);
        await("switched back by the owner").atMost(RTO).pollInterval(Duration.ofMillis(50))
                .until(() -> restoredColor.equals(rig.liveColor()));
        boolean heldInOutbox = ReleaseRecord.of(rig.checkout()).map(r -> !r.outbox().isEmpty()).orElse(false);
        rig.services().kill(owner);
        rig.kafka().minInsyncReplicas(Topic.ROLLBACKS.topicName(), 2);
        Instant writable = Instant.now();
        RollbackCompleted audit = rig.timeline().await(RollbackCompleted.class,
                r -> r.deploymentId().equals(bad.deploymentId()), STEP)
                .orElseThrow(() -> new AssertionError("the killed owner's rollback.completed was never written"));
        ReleaseRecord after = awaitRecord("the outbox emptied", r -> r.outbox().isEmpty());
        results.add(new Results.Row(4, "the rollback controller that owns checkout `kill -9` after its switch back "
                + "and before its audit (`switchback.rollbacks` refusing writes), then writes taken again", 1, 1, 1,
                "traffic switched by the owner; its `rollback.started` and `rollback.completed` written from the "
                + "Service's outbox by the other", 0, "audit read " + Results.seconds(Duration.between(writable,
                        readAt(audit))) + " after Kafka took writes"));

        assertThat(heldInOutbox).as("the owner's events were in the outbox when it was killed").isTrue();
        assertThat(rig.liveColor()).isEqualTo(restoredColor);
        assertThat(after.outbox()).isEmpty();
        assertThat(distinct(RollbackStarted.class, r -> r.deploymentId().equals(bad.deploymentId()))).isEqualTo(1);
        assertThat(distinct(RollbackCompleted.class, r -> r.deploymentId().equals(bad.deploymentId()))).isEqualTo(1);
    }

    @Test
    @Order(50)
    void aPausedRollbackControllerThatComesBackDoesNotFlipTrafficBack() {
        String owner = awaitOwner("rollback-controller", Topic.HEALTH);
        String restored = FaultKind.versionOf(rig.liveImage());
        String image = faultyImage();
        DeploymentTrafficSwitched bad = release(image);
        rig.services().pause(owner);
        rig.timeline().await(RollbackCompleted.class, r -> r.deploymentId().equals(bad.deploymentId()), STEP)
                .orElseThrow(() -> new AssertionError("the other controller did not roll back " + bad.deploymentId()));
        String restoredColor = rig.liveColor();
        Instant resumed = Instant.now();
        rig.services().resume(owner);
        // the resumed one finds out it lost its partitions; meanwhile, whatever it believed, traffic stays
        Duration watch = Duration.ofSeconds(Long.getLong("switchback.system.resume-watch-seconds", 15));
        await("traffic stays restored after the paused controller resumed").during(watch).atMost(watch.plusSeconds(5))
                .pollInterval(Duration.ofMillis(100)).until(() -> restoredColor.equals(rig.liveColor()));
        long refused = rig.cluster().apiServer().calls().calls(Identities.ROLLBACK_CONTROLLER)
                .stream().filter(c -> c.code() == 409 && c.at().isAfter(resumed)).count();
        Restoration restoration = restoration(bad, image, restored);
        results.add(new Results.Row(5, "the owning rollback controller paused (`SIGSTOP`) as the bad release takes "
                + "the traffic, resumed (`SIGCONT`) after the other rolled back", 1, 1, 1,
                "one rollback; traffic stayed on the restored colour " + watch.toSeconds() + " s after the resume ("
                + refused + " writes refused as stale; `rollback.started` read " + count(RollbackStarted.class,
                        r -> r.deploymentId().equals(bad.deploymentId())) + " times)", 0, Results.seconds(restoration.onsetToRestored())
                + " onset → restored"));

        assertThat(distinct(RollbackCompleted.class, r -> r.deploymentId().equals(bad.deploymentId()))).isEqualTo(1);
        assertThat(distinct(RollbackStarted.class, r -> r.deploymentId().equals(bad.deploymentId()))).isEqualTo(1);
        assertThat(restoration.onsetToRestored()).isLessThanOrEqualTo(RTO);
    }

    @Test
    @Order(60)
    void aPersonEditingTheServiceDuringARolloutDoesNotMakeTheDeployerScaleTheLiveColourDown() {
        String liveColor = rig.liveColor();
        int liveReplicas = replicas(liveColor);
        String image = healthyImage();
        String build = rig.releases().build(image);
        awaitRecord("the rollout of " + image, r -> r.rollout() != null && build.equals(r.rollout().buildEventId()));
        personEdits();
        AtomicInteger fewest = new AtomicInteger(liveReplicas);
        Optional<DeploymentStarted> started = rig.timeline().await(DeploymentStarted.class,
                s -> s.buildEventId().equals(build), STEP);
        assertThat(started).isPresent();
        await("the rollout switched").atMost(STEP).pollInterval(Duration.ofMillis(50)).until(() -> {
            fewest.accumulateAndGet(replicas(liveColor), Math::min);
            return count(DeploymentTrafficSwitched.class, s -> s.deploymentId().equals(started.get().deploymentId())) > 0;
        });
        Service after = rig.checkout();
        results.add(new Results.Row(6, "a person edits the Service (a label, an annotation) during a rollout", 1, 1, 1,
                "switched; the live colour kept " + fewest.get() + " of " + liveReplicas + " replicas until the switch",
                0, "-"));

        assertThat(fewest.get()).as("replicas of the live colour during the rollout").isEqualTo(liveReplicas);
        assertThat(after.getMetadata().getLabels()).containsEntry("team", "payments");
    }

    @Test
    @Order(70)
    void aRolloutAndARollbackDuringThirtySecondsOfApiServer503sBothComplete() {
        Duration outage = Duration.parse(System.getProperty("switchback.system.api-outage", "PT30S"));
        String image = healthyImage();
        String build = rig.releases().build(image);
        Rollout rollout = awaitRecord("the rollout of " + image,
                r -> r.rollout() != null && build.equals(r.rollout().buildEventId())).rollout();
        Instant rolloutOutage = Instant.now();
        rig.cluster().unavailableFor(outage);
        DeploymentTrafficSwitched rolledOut = rig.timeline().await(DeploymentTrafficSwitched.class,
                s -> s.deploymentId().equals(rollout.deploymentId()), outage.plus(STEP))
                .orElseThrow(() -> new AssertionError("the rollout of " + image + " did not finish after the outage"));

        String restored = FaultKind.versionOf(rig.liveImage());
        String faulty = faultyImage();
        DeploymentTrafficSwitched bad = release(faulty);
        rig.cluster().unavailableFor(outage);
        Instant rollbackOutage = Instant.now();
        RollbackCompleted completed = rig.timeline().await(RollbackCompleted.class,
                r -> r.deploymentId().equals(bad.deploymentId()), outage.plus(STEP))
                .orElseThrow(() -> new AssertionError("no rollback of " + bad.deploymentId() + " after the outage"));
        Restoration restoration = restoration(bad, faulty, restored);
        results.add(new Results.Row(7, "the API server answers 503 for " + outage.toSeconds() + " s, once during a "
                + "rollout and once as a bad release takes the traffic", 2, 2, 2, "the rollout switched, the bad "
                + "release rolled back", 0, "rollout switched " + Results.seconds(Duration.between(rolloutOutage,
                        rolledOut.occurredAt())) + " after its outage began; rollback switched " + Results.seconds(
                        Duration.between(rollbackOutage, completed.timings().trafficSwitchedAt())) + " after its "
                + "outage began, onset → restored " + Results.seconds(restoration.onsetToRestored())));

        assertThat(rolledOut.occurredAt()).isAfter(rolloutOutage.plus(outage).minusSeconds(1));
        assertThat(restoration.onsetToRestored()).isLessThanOrEqualTo(outage.plus(RTO));
    }

    @Test
    @Order(80)
    void withRollbacksUnwritableTrafficIsStillSwitchedAndTheAuditFollowsOnceKafkaTakesIt() {
        String restored = FaultKind.versionOf(rig.liveImage());
        String restoredColor = rig.liveColor();
        String image = faultyImage();
        rig.kafka().refuseWrites(Topic.ROLLBACKS.topicName());
        DeploymentTrafficSwitched bad = release(image);
        await("traffic switched back while switchback.rollbacks refuses writes").atMost(RTO)
                .pollInterval(Duration.ofMillis(100)).until(() -> restoredColor.equals(rig.liveColor()));
        Restoration restoration = await("the traffic record shows the restoration").atMost(Duration.ofSeconds(10))
                .until(() -> Restoration.of(rig.traffic().snapshot(), bad.occurredAt(), FaultKind.versionOf(image),
                        restored), Optional::isPresent).orElseThrow();
        long auditWhileUnwritable = count(RollbackCompleted.class, r -> r.deploymentId().equals(bad.deploymentId()));
        rig.kafka().minInsyncReplicas(Topic.ROLLBACKS.topicName(), 2);
        Instant writable = Instant.now();
        RollbackCompleted audit = rig.timeline().await(RollbackCompleted.class,
                r -> r.deploymentId().equals(bad.deploymentId()), STEP)
                .orElseThrow(() -> new AssertionError("rollback.completed never written after Kafka recovered"));
        Instant read = readAt(audit);
        await("the audit settled").pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        results.add(new Results.Row(8, "`switchback.rollbacks` refuses writes (a broker down and the topic "
                + "requiring 3 in-sync replicas: NOT_ENOUGH_REPLICAS)", 1, 1, 1, "traffic switched; `rollback.completed` written once "
                + "writes were taken again (read " + count(RollbackCompleted.class,
                        r -> r.deploymentId().equals(bad.deploymentId())) + " times)", 0, Results.seconds(restoration.onsetToRestored()) + " onset → restored; "
                + "audit " + Results.seconds(Duration.between(writable, read)) + " after Kafka took writes"));

        assertThat(restoration.onsetToRestored()).isLessThanOrEqualTo(RTO);
        assertThat(auditWhileUnwritable).as("rollback.completed while the topic refused writes").isZero();
        assertThat(distinct(RollbackCompleted.class, r -> r.deploymentId().equals(bad.deploymentId()))).isEqualTo(1);
    }

    @Test
    @Order(90)
    void theReleasesOfAKilledHealthMonitorAreJudgedAgainByAnotherWithinASessionTimeout() {
        String owner = awaitOwner("health-monitor", Topic.DEPLOYMENTS);
        DeploymentTrafficSwitched release = release(healthyImage());
        rig.timeline().await(HealthEvidence.class, e -> e.deploymentId().equals(release.deploymentId()), STEP)
                .orElseThrow(() -> new AssertionError("the release was never judged"));
        rig.services().kill(owner);
        Instant killed = Instant.now();
        HealthEvidence again = rig.timeline().await(HealthEvidence.class,
                e -> e.deploymentId().equals(release.deploymentId()) && e.occurredAt().isAfter(killed), STEP)
                .orElseThrow(() -> new AssertionError("nobody judged " + release.deploymentId() + " after the kill"));
        Duration gap = Duration.between(killed, again.occurredAt());
        results.add(new Results.Row(9, "the health monitor judging checkout `kill -9`", 1, 1, 1,
                "judged again by the other monitor", 0, Results.seconds(gap) + " kill → its next evidence (session "
                + "timeout " + SESSION_TIMEOUT.toSeconds() + " s)"));

        // one session timeout to notice, a rebalance, then the new watch's first pod list, scrape and evaluation
        // (measured 7.9 to 9.9 s on 2 cores with eight other JVMs)
        assertThat(gap).isLessThanOrEqualTo(SESSION_TIMEOUT.plusSeconds(8));
    }

    /**
     * What {@code kubectl edit} does for a person: read, change a label and an annotation, write with the version
     * read; on a 409 (the deployer wrote in between) the person is shown the conflict and edits again.
     */
    private void personEdits() {
        await("the person's edit written").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .ignoreException(KubernetesClientException.class)
                .until(() -> {
                    rig.cluster().client().services().inNamespace(Sandbox.NAMESPACE).withName(Rig.SERVICE)
                            .edit(service -> {
                                service.getMetadata().getLabels().put("team", "payments");
                                service.getMetadata().getAnnotations().put("example.com/owner", "payments@example.com");
                                return service;
                            });
                    return true;
                });
    }

    private String healthyImage() {
        return "registry.example/checkout:3." + versions.incrementAndGet() + ".0";
    }

    private String faultyImage() {
        return "registry.example/checkout:3." + versions.incrementAndGet() + ".0-errors-20";
    }

    /** Ships {@code image} and waits for its switch. */
    private DeploymentTrafficSwitched release(String image) {
        return rig.releases().release(image)
                .orElseThrow(() -> new AssertionError(image + " did not take the traffic"));
    }

    private Restoration restoration(DeploymentTrafficSwitched bad, String badImage, String restoredVersion) {
        return await("the traffic record shows the restoration").atMost(Duration.ofSeconds(30))
                .until(() -> Restoration.of(rig.traffic().snapshot(), bad.occurredAt(), FaultKind.versionOf(badImage),
                        restoredVersion), Optional::isPresent).orElseThrow();
    }

    private String awaitOwner(String service, Topic topic) {
        return await(service + " owning checkout").atMost(STEP).pollInterval(Duration.ofMillis(250))
                .until(() -> rig.owner(service, topic), Optional::isPresent).orElseThrow();
    }

    private ReleaseRecord awaitRecord(String what, Predicate<ReleaseRecord> matching) {
        return await(what).atMost(STEP).pollInterval(Duration.ofMillis(20))
                .until(() -> ReleaseRecord.of(rig.checkout()), r -> r.isPresent() && matching.test(r.get())).orElseThrow();
    }

    private int replicas(String color) {
        Integer replicas = rig.observer().apps().deployments().inNamespace(Sandbox.NAMESPACE)
                .withName(Rig.SERVICE + "-" + color).get().getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    /** When the test first read {@code event} off its topic. */
    private Instant readAt(SwitchbackEvent event) {
        return rig.timeline().entries().stream().filter(e -> e.event().eventId().equals(event.eventId()))
                .findFirst().orElseThrow().readAt();
    }

    /** Events of a kind by distinct event id: an event published again after an unanswered write counts once. */
    private <T extends ReleaseEvent> long distinct(Class<T> type, Predicate<T> matching) {
        return rig.timeline().entries().stream().map(e -> e.event()).filter(type::isInstance).map(type::cast)
                .filter(matching).map(SwitchbackEvent::eventId).distinct().count();
    }

    private <T extends ReleaseEvent> long count(Class<T> type, Predicate<T> matching) {
        return rig.timeline().entries().stream().map(e -> e.event()).filter(type::isInstance).map(type::cast)
                .filter(matching).count();
    }
}
