package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the benchmarks print beside their figures, to explain a slow run (the machine's CPU, the collections), and
 * when a run fails.
 */
class BenchFiguresTest {

    @Test
    void theMachinesCpuIsWhatProcStatCountedBusyAndStolenOverTheTimeBetweenTwoReadings() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        MachineCpu before = MachineCpu.parse("cpu  1000 10 500 9000 40 5 5 0 0 0", 0);
        MachineCpu after = MachineCpu.parse("cpu  1300 10 650 9100 60 10 10 40 0 0", 2_000_000_000L);
        StringWriter printed = new StringWriter();

        after.printSince(before, new PrintWriter(printed, true));

        // 460 ticks busy and 40 stolen in 2 s, at 100 ticks a second
        assertThat(printed.toString()).isEqualTo(String.format(
                "the machine (every process): %.2f cores busy, %.2f stolen by the hypervisor%n", 2.3, 0.2));
    }

    @Test
    void aCollectionWhileRecordingIsCountedWithItsDuration() {
        StringWriter printed = new StringWriter();
        try (GcPauses pauses = GcPauses.record()) {
            System.gc();
            await("the collector's notification").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                StringWriter now = new StringWriter();
                pauses.print(new PrintWriter(now, true));
                assertThat(now.toString()).contains("garbage collections, ").contains(": 1, ");
            });
            pauses.print(new PrintWriter(printed, true));
        }
        assertThat(printed.toString()).containsPattern("garbage collections, .+ \\(end of major GC\\): 1, \\d+ ms in "
                + "all, longest \\d+ ms");
    }
    @Test
    void theJvmsOwnThreadsAreReadFromTheirStatLinesByName() {
        String compiler = "4321 (C2 CompilerThre) S 1 1 1 0 -1 4194368 5000 0 0 0 250 30 0 0 20 0 12 0 100 0 0";
        String request = "4322 (http-nio-8080-e) S 1 1 1 0 -1 4194368 5000 0 0 0 900 300 0 0 20 0 12 0 100 0 0";

        // 250 ticks in user mode and 30 in the kernel, at 100 ticks a second
        assertThat(VmThreads.parse(compiler)).contains(new ProcessFigures.ThreadCpu("JVM: JIT compilers",
                2_800_000_000L));
        assertThat(VmThreads.parse(request)).as("a Java thread: ThreadMXBean reads it").isEmpty();
    }

    @Test
    void aGroupCountsTheThreadsAliveAtBothReadingsAndTheRestIsUnattributed() {
        ProcessFigures before = new ProcessFigures(10_000_000_000L, Map.of(
                "java 1", new ProcessFigures.ThreadCpu("edge: HTTP requests (Tomcat)", 1_000_000_000L),
                "java 2", new ProcessFigures.ThreadCpu("edge: HTTP requests (Tomcat)", 5_000_000_000L)));
        // thread 2 ended (its 5 s since it started must not be taken from its group); thread 3 started
        ProcessFigures after = new ProcessFigures(14_000_000_000L, Map.of(
                "java 1", new ProcessFigures.ThreadCpu("edge: HTTP requests (Tomcat)", 3_000_000_000L),
                "java 3", new ProcessFigures.ThreadCpu("edge: HTTP requests (Tomcat)", 500_000_000L)));
        StringWriter printed = new StringWriter();

        after.printCpuSince(before, 2, new PrintWriter(printed, true));

        assertThat(printed.toString()).contains(String.format("%-40s %.2f cores", "edge: HTTP requests (Tomcat)", 1.0))
                .contains(String.format("%-40s %.2f cores", "unattributed (threads started or ended)", 1.0));
    }

    @Test
    void aRunWithAnyAnswerButA202FailsAndSaysWhichCame() {
        StringWriter printed = new StringWriter();
        EdgeStatuses refused = new EdgeStatuses(Map.of(202, 45358L, 503, 2L, 401, 14553L));
        EdgeStatuses accepted = new EdgeStatuses(Map.of(202, 45358L));

        assertThat(refused.onlyAccepted(new PrintWriter(printed, true), "the measured run")).isFalse();
        assertThat(accepted.onlyAccepted(new PrintWriter(printed, true), "the warm-up")).isTrue();

        assertThat(printed.toString()).isEqualTo(String.format(
                "bench: FAILED: the measured run was answered otherwise than 202: status 401 14553, status 503 2%n"));
    }

    @Test
    void theEdgesAnswersAreItsBuildTimersByStatusCountedSinceTheRunBegan() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Timer accepted = builds(registry, "202");
        builds(registry, "401").record(Duration.ofMillis(3));
        Timer.builder(EdgeStatuses.METRIC).tag("uri", "/v1/commands/rollback").tag("status", "403").register(registry)
                .record(Duration.ofMillis(1));
        accepted.record(Duration.ofMillis(5));
        EdgeStatuses before = EdgeStatuses.of(registry);

        accepted.record(Duration.ofMillis(5));
        accepted.record(Duration.ofMillis(6));
        builds(registry, "429").record(Duration.ofMillis(1));
        EdgeStatuses run = EdgeStatuses.of(registry).since(before);

        assertThat(before.counts()).isEqualTo(Map.of(202, 1L, 401, 1L));
        assertThat(run.counts()).isEqualTo(Map.of(202, 2L, 429, 1L));
        assertThat(run.accepted()).isEqualTo(2);
        assertThat(run.others()).containsExactly("status 429 1");
    }

    private static Timer builds(SimpleMeterRegistry registry, String status) {
        return Timer.builder(EdgeStatuses.METRIC).tag("uri", EdgeStatuses.BUILDS).tag("status", status)
                .tag("method", "POST").register(registry);
    }
}
