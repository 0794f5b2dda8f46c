package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the benchmarks print beside their figures, to explain a slow run: the machine's CPU and the collections. */
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
}
