package io.switchback.sandbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchback.events.RequestSignature;
import io.switchback.events.Topic;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the HTTP edge: the sandbox's build-listener alone on the sandbox's in-process broker, driven by wrk
 * with signed build events (pre-signed here, one delivery id each), every 202 answered only after Kafka
 * acknowledged ({@code acks=all}). First the ceiling: the same events written by a producer alone, as fast as it
 * can. Then the edge: wrk warms it up, then measures; the events on the topic are counted against the 202s the edge
 * counted in its own metrics.
 */
@Command(name = "ingress-bench", mixinStandardHelpOptions = true,
        description = "Measure the build-listener with wrk: signed build events, each answered after Kafka acknowledged it.")
public final class IngressBenchCommand implements Callable<Integer> {

    /** The flag of the build-listener image's collector (build-listener/pom.xml). */
    private static final String PARALLEL_GC = "-XX:+UseParallelGC";

    private static final String BODY = """
            {"service":"checkout","image":"registry.example/checkout:1.5.0","commit":"7f3a9c1","branch":"main",\
            "workflowRunId":1,"conclusion":"success"}""";

    @Option(names = "--connections", defaultValue = "1000", description = "wrk connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--threads", defaultValue = "2", description = "wrk threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "PT150S", description = "wrk run before measuring (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "PT30S", description = "The measured wrk run (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--presigned-per-second", defaultValue = "10000",
            description = "Deliveries signed ahead per second of wrk run; more than it sends, or it would repeat them (default: ${DEFAULT-VALUE}).")
    int presignedPerSecond;

    @Option(names = "--ceiling-events", defaultValue = "300000", description = "Events the producer alone writes (default: ${DEFAULT-VALUE}).")
    int ceilingEvents;

    @Option(names = "--rate", description = "Requests a second wrk sends on a fixed timetable, whatever the answers "
            + "take, over the connections that are free (an arrival rate, as a load test's constant-arrival-rate "
            + "users); absent: every connection sends again at once (wrk's closed loop).")
    Integer rate;

    @Option(names = "--set", description = "A property for the build-listener, key=value (repeatable).")
    Map<String, String> overrides = new java.util.HashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("switchback-ingress-bench");
        EmbeddedKafkaKraftBroker broker = Sandbox.embeddedBroker();
        SandboxTrust trust = SandboxTrust.write(dir);
        try (SwitchbackServices edge = SwitchbackServices.start(Map.of(
                "server.port", "0",
                "switchback.kafka.bootstrap-servers", broker.getBrokersAsString(),
                "switchback.environment", Sandbox.ENVIRONMENT,
                Sandbox.TRUST_IMPORT, trust.importProperty(),
                "spring.main.banner-mode", "off",
                "logging.level.root", "WARN"), Map.of(), overrides, 1, List.of("build-listener"))) {
            collector(out);
            ProducerCeiling.measure(out, broker.getBrokersAsString(), ceilingEvents);
            MeterRegistry metrics = edge.beanOf("build-listener", MeterRegistry.class);
            EdgeStatuses start = EdgeStatuses.of(metrics);
            // signed ahead of each wrk run, not in it: signing is the sender's work, not the edge's; and just before
            // it, as a pipeline signs: the edge refuses a timestamp older than its clock skew (5 minutes by default)
            Path warmupDeliveries = presign(dir, trust, (int) (warmup.toSeconds() * presignedPerSecond));
            String url = "http://127.0.0.1:" + edge.portOf("build-listener");
            out.printf("%nwarming the edge up: wrk %s%n", warmup);
            out.flush();
            wrk(out, dir, warmupDeliveries, url, warmup, false);
            // wrk stops counting at its deadline: the requests still in flight are answered (and counted) meanwhile
            long before = settled(broker.getBrokersAsString());
            EdgeStatuses warmedUp = EdgeStatuses.of(metrics);
            if (!warmedUp.since(start).onlyAccepted(out, "the warm-up")) {
                return 1;
            }
            Path measuredDeliveries = presign(dir, trust, (int) (duration.toSeconds() * presignedPerSecond));
            String output = measured(out, dir, measuredDeliveries, url);
            if (replayed(out, output)) {
                return 1;
            }
            long sent = figure(output, "bench: sent ");
            long written = settled(broker.getBrokersAsString()) - before;
            EdgeStatuses answered = EdgeStatuses.of(metrics).since(warmedUp);
            long accepted = answered.accepted();
            out.printf("bench: the edge answered 202 %d, wrk sent %d, written to %s %d (202s lost: %d)%n", accepted,
                    sent, Topic.BUILDS.topicName(), written, Math.max(0, accepted - written));
            out.flush();
            boolean allWritten = accepted <= written && written <= sent;
            return answered.onlyAccepted(out, "the measured run") && allWritten ? 0 : 1;
        } finally {
            broker.destroy();
        }
    }

    /**
     * The measured wrk run, and what this JVM (its threads, its collections) and the machine did meanwhile: so that a
     * run with a long tail says whether its collector or another process was in the way. Returns wrk's output.
     */
    private String measured(PrintWriter out, Path dir, Path deliveries, String url)
            throws IOException, InterruptedException {
        ProcessFigures cpuBefore = ProcessFigures.now();
        MachineCpu machineBefore = MachineCpu.now();
        out.printf("%nmeasuring: wrk -t%d -c%d -d%ds%s, signed build events to %s/v1/builds%n", threads, connections,
                duration.toSeconds(), rate == null ? "" : ", aiming at " + rate + "/s", url);
        out.flush();
        try (GcPauses pauses = GcPauses.record()) {
            String output = wrk(out, dir, deliveries, url, duration, true);
            ProcessFigures cpuAfter = ProcessFigures.now();
            MachineCpu machineAfter = MachineCpu.now();
            out.println("the JVM of the broker and the build-listener (wrk is another process on the same 2 cores):");
            cpuAfter.printCpuSince(cpuBefore, duration.toSeconds(), out);
            pauses.print(out);
            if (machineBefore != null && machineAfter != null) {
                machineAfter.printSince(machineBefore, out);
            }
            return output;
        }
    }

    /**
     * Names this JVM's garbage collector: the pauses are much of the tail, and the build-listener's image runs the
     * Parallel collector (docs/decisions.md), which {@code java -jar} on a machine of 2 cores and 2 GB does not pick.
     */
    private static void collector(PrintWriter out) {
        List<String> names = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList();
        boolean parallel = names.contains("PS Scavenge");
        out.printf("garbage collector: %s%s%n", String.join(", ", names), parallel ? " (the build-listener image's)"
                : "; the build-listener's image runs " + PARALLEL_GC + ": add it after java to measure what it runs");
        out.flush();
    }

    /** Runs wrk; returns what it printed. */
    private String wrk(PrintWriter out, Path dir, Path signed, String url, Duration length, boolean print)
            throws IOException, InterruptedException {
        Path body = dir.resolve("body.json");
        Files.writeString(body, BODY);
        Path script = dir.resolve("signed-builds.lua");
        try (InputStream lua = IngressBenchCommand.class.getResourceAsStream("/ingress-bench/signed-builds.lua")) {
            Files.write(script, lua.readAllBytes());
        }
        List<String> command = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + length.toSeconds() + "s",
                "--timeout", "10s", "--latency", "-s", script.toString(), url, "--", signed.toString(),
                SandboxTrust.SENDER, Integer.toString(threads), body.toString(),
                rate == null ? "0" : Double.toString((double) rate / threads));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        if (print) {
            out.print(output);
        }
        return output;
    }

    /** Whether the script ran out of presigned deliveries and sent them again from the first. */
    private static boolean replayed(PrintWriter out, String output) {
        long sent = figure(output, "bench: sent ");
        long presigned = figure(output, "bench: sent " + sent + " presigned ");
        if (sent <= presigned) {
            return false;
        }
        // replays, answered 200 without a write
        out.printf("bench: FAILED: %d requests sent, %d deliveries presigned: %d were replays, answered without "
                + "writing, in the figures above; run again with a larger --presigned-per-second%n",
                sent, presigned, sent - presigned);
        out.flush();
        return true;
    }

    /** The number after {@code prefix} on wrk's output line that starts with it; 0 when there is none. */
    private static long figure(String output, String prefix) {
        for (String line : output.split("\n")) {
            if (line.startsWith(prefix)) {
                return Long.parseLong(line.substring(prefix.length()).trim().split(" ")[0]);
            }
        }
        return 0;
    }

    /** The events on the topic once the requests still in flight when wrk stopped have been answered. */
    private static long settled(String bootstrap) throws Exception {
        long last = -1;
        long now = eventsOnTopic(bootstrap);
        for (int i = 0; i < 60 && now != last; i++) {
            TimeUnit.MILLISECONDS.sleep(500);
            last = now;
            now = eventsOnTopic(bootstrap);
        }
        return now;
    }

    /** One line per delivery: its id, the time and the signature, as the action would send them now. */
    private static Path presign(Path dir, SandboxTrust trust, int count) throws IOException {
        Path file = dir.resolve("presigned-" + UUID.randomUUID() + ".txt");
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String secret = Files.readString(trust.senderSecretFile());
        long now = Instant.now().getEpochSecond();
        try (BufferedWriter writer = Files.newBufferedWriter(file)) {
            for (int i = 0; i < count; i++) {
                String delivery = UUID.randomUUID().toString();
                String signature = RequestSignature.sign(secret, now, delivery, body);
                writer.write(delivery + " " + now + " " + signature.substring("sha256=".length()) + "\n");
            }
        }
        return file;
    }

    private static long eventsOnTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(List.of(Topic.BUILDS.topicName())).allTopicNames().get()
                    .get(Topic.BUILDS.topicName()).partitions()
                    .forEach(p -> partitions.add(new TopicPartition(Topic.BUILDS.topicName(), p.partition())));
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }
}
