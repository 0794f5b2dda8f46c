package io.switchback.sandbox.scenario;

import io.switchback.events.Topic;
import io.switchback.sandbox.Sandbox;
import io.switchback.sandbox.SimulatedCluster;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * A normal week, compressed: the operations of a seed played against the sandbox with two instances of every
 * service, the eight invariants checked all along from the ground truth, and a report. Time is compressed by
 * the services' configuration (soak, deadlines, session timeouts in seconds), never by faking clocks.
 */
public final class Scenario {

    /** The compressed settings every service instance runs with, and the bounds held to them. */
    public static final Ground.Timings TIMINGS = new Ground.Timings(Duration.ofSeconds(15), Duration.ofSeconds(8),
            Duration.ofSeconds(60), Duration.ofSeconds(30));
    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    /** The service properties that compress a week and let the scenario kill an instance between write and event. */
    public static Map<String, String> serviceSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("switchback.deployer.progress-deadline", TIMINGS.progressDeadline().toSeconds() + "s");
        settings.put("switchback.deployer.rollback-window", TIMINGS.soak().toSeconds() + "s");
        settings.put("switchback.deployer.reconcile-interval", "1s");
        settings.put("switchback.rollback.ready-timeout", "15s");
        settings.put("switchback.rollback.repair-interval", "500ms");
        settings.put("switchback.health.pods.unready-grace", "3s");
        settings.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
        settings.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1500");
        // a hung instance (the scenario's kill freezes a thread; its consumer keeps heartbeating) leaves the group
        settings.put("spring.kafka.consumer.properties.max.poll.interval.ms", "20000");
        settings.put("spring.kafka.producer.properties.interceptor.classes", Freezer.class.getName());
        return settings;
    }

    private final Sandbox sandbox;
    private final PrintWriter out;
    private final long seed;

    public Scenario(Sandbox sandbox, PrintWriter out, long seed) {
        this.sandbox = sandbox;
        this.out = out;
        this.seed = seed;
    }

    /** Plays up to {@code operations} operations (fewer if {@code duration} runs out) and reports. */
    public ScenarioReport run(int operations, Duration duration) {
        ScenarioLog log = new ScenarioLog();
        Invariants invariants = new Invariants();
        Instant start = Instant.now();
        List<ScenarioReport.Played> played = new ArrayList<>();
        try (ClusterHistory history = new ClusterHistory(sandbox.cluster().client(SimulatedCluster.SANDBOX),
                Sandbox.NAMESPACE)) {
            ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "scenario-checker");
                thread.setDaemon(true);
                return thread;
            });
            checker.scheduleWithFixedDelay(() -> announce(invariants.check(ground(start, false, history, log))),
                    CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            Week week = new Week(sandbox, log, TIMINGS, seed);
            Instant end = start.plus(duration);
            for (Operation op : Operation.plan(seed, operations)) {
                if (Instant.now().isAfter(end)) {
                    break;
                }
                Instant began = Instant.now();
                String outcome = week.play(op);
                played.add(new ScenarioReport.Played(op, outcome, Duration.between(began, Instant.now())));
                say("%s: %s", op, outcome);
            }
            say("operations done; waiting %d s for rollouts and soaks in progress to end", drain().toSeconds());
            Pause.of(drain());
            checker.shutdownNow();
            announce(invariants.check(ground(start, true, history, log)));
            return new ScenarioReport(seed, played, invariants, deadLetters(), Duration.between(start, Instant.now()),
                    new Facts(ground(start, true, history, log)));
        }
    }

    private static Duration drain() {
        return TIMINGS.soak().plus(TIMINGS.margin());
    }

    private Ground ground(Instant start, boolean finished, ClusterHistory history, ScenarioLog log) {
        return new Ground(start, Instant.now(), finished, sandbox.traffic().snapshot(), sandbox.timeline().entries(),
                history.services(), history.deployments(), log, TIMINGS);
    }

    private void announce(List<Violation> fresh) {
        fresh.forEach(v -> say("VIOLATION %s: %s (%s)", v.invariant(), v.what(), v.evidence()));
    }

    /** Records on every dead-letter topic: a good record never lands there. */
    private long deadLetters() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", sandbox.bootstrapServers()))) {
            List<String> topics = Arrays.stream(Topic.values()).map(Topic::deadLetterTopicName).toList();
            Map<TopicPartition, OffsetSpec> ends = new LinkedHashMap<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()
                    .forEach(d -> d.partitions().forEach(p -> ends.put(new TopicPartition(d.name(), p.partition()),
                            OffsetSpec.latest())));
            return admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(r -> r.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the dead-letter topics: " + e, e);
        }
    }

    private synchronized void say(String format, Object... args) {
        out.printf("[%7.1f s] %s%n", Duration.between(sandbox.startedAt(), Instant.now()).toMillis() / 1000.0,
                format.formatted(args));
        out.flush();
    }
}
