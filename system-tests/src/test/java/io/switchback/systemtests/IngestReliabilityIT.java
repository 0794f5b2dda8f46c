package io.switchback.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchback.events.BuildCompleted;
import io.switchback.events.DeploymentSkipped;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.EventType;
import io.switchback.events.Topic;
import io.switchback.sandbox.EventTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Cases 1 and 2 of the reliability suite ({@code docs/reliability.md}): the edge and the deployer, as processes,
 * while brokers die. Each case counts what was sent, acknowledged and consumed. Counts and timeouts are system
 * properties ({@code switchback.system.*}), small by default so that the suite fits the CI budget.
 */
@Order(2)
class IngestReliabilityIT extends RigLifecycle {

    IngestReliabilityIT() {
        super(List.of(Map.entry("deployer", 1), Map.entry("build-listener", 1)));
    }

    @Test
    @Order(1)
    void everyBuildAnswered2xxIsConsumedOnceWhileTheLeaderOfItsPartitionIsKilled() {
        int events = Integer.getInteger("switchback.system.ingest-events", 1000);
        int kills = Integer.getInteger("switchback.system.leader-kills", 5);
        Ingest ingest = new Ingest(rig, Integer.getInteger("switchback.system.ingest-senders", 8));
        Instant start = Instant.now();
        Duration longestOutage = Duration.ZERO;
        try {
            int chunk = events / (kills + 1);
            for (int round = 0; round <= kills; round++) {
                int size = round == kills ? events - chunk * kills : chunk;
                int target = ingest.released() + size;
                ingest.release(size);
                if (round < kills) {
                    ingest.awaitAnswered(target - size / 2);
                    int leader = rig.kafka().leaderFor(Topic.BUILDS.topicName(), Rig.SERVICE);
                    rig.kafka().kill(leader);
                    ingest.awaitAnswered(target);
                    rig.kafka().restart(leader);
                    rig.kafka().awaitFullyReplicated(Topic.BUILDS.topicName());
                } else {
                    ingest.awaitAnswered(target);
                }
            }
        } finally {
            ingest.close();
        }
        Map<String, Long> consumed = consumedOnce(ingest.acknowledged(), rig.timeline());
        Map<String, Long> written = rig.timeline().entries().stream()
                .filter(e -> e.event() instanceof BuildCompleted && ingest.acknowledged().contains(e.event().eventId()))
                .collect(Collectors.groupingBy(e -> e.event().eventId(), Collectors.counting()));
        long lost = ingest.acknowledged().stream().filter(id -> !consumed.containsKey(id)).count();
        results.add(new Results.Row(1, kills + " kills of the leader of `switchback.builds` (`kill -9`, then "
                + "restarted) during ingest", events, ingest.acknowledged().size(), consumed.size(),
                "each 2xx build taken or passed over once by the deployer", lost,
                "503s: " + ingest.refused() + "; run " + Results.seconds(Duration.between(start, Instant.now()))));

        assertThat(ingest.failures()).as("answers other than 2xx or 503").isEmpty();
        assertThat(ingest.acknowledged().size() + ingest.refused()).isEqualTo(events);
        assertThat(lost).as("builds answered 2xx and never consumed: %s (on the topic: %s)",
                ingest.acknowledged().stream().filter(id -> !consumed.containsKey(id)).toList(),
                ingest.acknowledged().stream().filter(id -> !consumed.containsKey(id) && written.containsKey(id)).toList())
                .isZero();
        assertThat(written.values()).as("each acknowledged build on the topic once").allMatch(n -> n == 1);
        assertThat(consumed.values()).as("each acknowledged build consumed once").allMatch(n -> n == 1);
    }

    @Test
    @Order(2)
    void withTwoOfThreeBrokersDownTheEdgeAnswers503AndLosesNothingThenResumesByItself() {
        int during = Integer.getInteger("switchback.system.outage-builds", 12);
        int after = Integer.getInteger("switchback.system.after-builds", 50);
        String topic = Topic.BUILDS.topicName();
        Ingest ingest = new Ingest(rig, 4);
        Duration resumed;
        try {
            ingest.release(after);
            ingest.awaitAnswered(after);
            int leader = rig.kafka().leaderFor(topic, Rig.SERVICE);
            int other = leader % KafkaNodes.NODES + 1;
            rig.kafka().kill(leader);
            rig.kafka().kill(other);
            int acknowledgedBefore = ingest.acknowledged().size();
            ingest.release(during);
            ingest.awaitAnswered(after + during);
            assertThat(ingest.acknowledged()).as("no 2xx while two of three brokers are down").hasSize(acknowledgedBefore);
            rig.kafka().restart(leader);
            rig.kafka().restart(other);
            Instant back = Instant.now();
            // nothing restarted on Switchback's side: the edge takes builds again by itself
            await("the edge answers 2xx again").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        int answered = ingest.released();
                        ingest.release(1);
                        ingest.awaitAnswered(answered + 1);
                        return ingest.acknowledged().size() > acknowledgedBefore;
                    });
            resumed = Duration.between(back, Instant.now());
            int refusedBefore = ingest.refused();
            int sent = ingest.released();
            ingest.release(after);
            ingest.awaitAnswered(sent + after);
            assertThat(ingest.refused()).as("503s once the edge answered 2xx again").isEqualTo(refusedBefore);
        } finally {
            ingest.close();
        }
        Map<String, Long> consumed = consumedOnce(ingest.acknowledged(), rig.timeline());
        long lost = ingest.acknowledged().stream().filter(id -> !consumed.containsKey(id)).count();
        results.add(new Results.Row(2, "two of three brokers killed (`kill -9`), then restarted", ingest.released(),
                ingest.acknowledged().size(), consumed.size(), during + " builds during the outage: all 503; "
                + "each 2xx build taken or passed over once", lost, "first 2xx " + Results.seconds(resumed)
                + " after the brokers were started again"));

        assertThat(ingest.failures()).as("answers other than 2xx or 503").isEmpty();
        assertThat(lost).as("builds answered 2xx and never consumed").isZero();
        assertThat(consumed.values()).as("each acknowledged build consumed once").allMatch(n -> n == 1);
    }

    /**
     * The acknowledged builds the deployer said it consumed, by build event id, each with the number of distinct
     * statements it made of it (an event written again under its id counts once): {@code deployment.skipped} naming the
     * build (its image is live, or a newer run was taken) or {@code deployment.started} of it (the first builds of the
     * image the simulated cluster was installed with are rolled out: no release record names it yet). Awaited until
     * every one is there or the bound passes.
     */
    static Map<String, Long> consumedOnce(Set<String> acknowledged, EventTimeline timeline) {
        Function<EventTimeline, Map<String, Long>> count = t -> t.entries().stream()
                .map(EventTimeline.Entry::event)
                .filter(e -> buildOf(e) != null && acknowledged.contains(buildOf(e)))
                .collect(Collectors.groupingBy(IngestReliabilityIT::buildOf,
                        Collectors.mapping(SwitchbackEvent::eventId, Collectors.collectingAndThen(Collectors.toSet(),
                                ids -> (long) ids.size()))));
        try {
            await("every acknowledged build consumed").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> count.apply(timeline).size() == acknowledged.size());
        } catch (ConditionTimeoutException e) {
            // counted below as lost
        }
        return count.apply(timeline);
    }

    /** The build a deployer event says it took or passed over, or null. */
    private static String buildOf(SwitchbackEvent event) {
        if (event instanceof DeploymentSkipped skipped && EventType.BUILD_COMPLETED.ceType().equals(skipped.causeType())) {
            return skipped.causeEventId();
        }
        return event instanceof DeploymentStarted started ? started.buildEventId() : null;
    }
}
