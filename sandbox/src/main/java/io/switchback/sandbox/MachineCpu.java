package io.switchback.sandbox;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The whole machine's CPU, from the first line of {@code /proc/stat}: busy (every process, this one and the load
 * generator included) and stolen by the hypervisor, so that a run slowed by something else on the machine says so.
 */
record MachineCpu(long busyTicks, long stolenTicks, long atNanos) {

    /** Clock ticks a second that {@code /proc/stat} counts in (USER_HZ, 100 on Linux). */
    static final double TICKS_PER_SECOND = 100;

    /** Now, or null where there is no {@code /proc/stat}. */
    static MachineCpu now() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/stat")).get(0), System.nanoTime());
        } catch (IOException | RuntimeException notLinux) {
            return null;
        }
    }

    /** {@code cpu user nice system idle iowait irq softirq steal ...}, in ticks since boot. */
    static MachineCpu parse(String cpuLine, long atNanos) {
        String[] fields = cpuLine.trim().split("\\s+");
        long[] ticks = Arrays.stream(fields, 1, 9).mapToLong(Long::parseLong).toArray();
        long idle = ticks[3] + ticks[4];
        long stolen = ticks[7];
        return new MachineCpu(Arrays.stream(ticks).sum() - idle - stolen, stolen, atNanos);
    }

    void printSince(MachineCpu before, PrintWriter out) {
        double seconds = (atNanos - before.atNanos) / 1e9;
        out.printf("the machine (every process): %.2f cores busy, %.2f stolen by the hypervisor%n",
                (busyTicks - before.busyTicks) / TICKS_PER_SECOND / seconds,
                (stolenTicks - before.stolenTicks) / TICKS_PER_SECOND / seconds);
    }
}
