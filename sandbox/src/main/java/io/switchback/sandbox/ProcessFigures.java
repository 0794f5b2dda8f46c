package io.switchback.sandbox;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of this process's threads, grouped by what they do (by thread name), and its memory: for benchmarks
 * that run the measured service beside its test doubles in one process.
 */
record ProcessFigures(long processCpuNanos, Map<String, Long> cpuNanosByGroup) {

    /** Thread name prefixes and the group each counts in; the first that matches wins, the rest are "other". */
    private static final List<Map.Entry<String, String>> GROUPS = List.of(
            Map.entry("health-http-", "monitor: HTTP requests"),
            Map.entry("HttpClient-", "monitor: HTTP client (reads, selector)"),
            Map.entry("health-", "monitor: evaluation"),
            Map.entry("synthetic-pods-", "synthetic pods"),
            Map.entry("vert.x-", "API server and client (Vert.x)"),
            Map.entry("http-nio-", "edge: HTTP requests (Tomcat)"),
            Map.entry("delivery-ledger", "edge: delivery ledger"),
            Map.entry("edge-sends", "edge: sends"),
            Map.entry("kafka-producer-network-thread", "Kafka producers' I/O"));

    static ProcessFigures now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new LinkedHashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    byGroup.merge(group(info.getThreadName()), cpu, Long::sum);
                }
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new ProcessFigures(os.getProcessCpuTime(), byGroup);
    }

    private static String group(String threadName) {
        return GROUPS.stream().filter(g -> threadName.startsWith(g.getKey())).map(Map.Entry::getValue).findFirst()
                .orElse("other (broker, Kafka clients, GC, JIT)");
    }

    /** CPU used between {@code before} and this, in cores, in all and by group (threads alive at both ends). */
    void printCpuSince(ProcessFigures before, double seconds, PrintWriter out) {
        out.printf("  CPU, whole process    %.2f cores of %d%n", (processCpuNanos - before.processCpuNanos) / 1e9 / seconds,
                Runtime.getRuntime().availableProcessors());
        long attributed = 0;
        for (Map.Entry<String, Long> group : cpuNanosByGroup.entrySet()) {
            long used = group.getValue() - before.cpuNanosByGroup.getOrDefault(group.getKey(), 0L);
            attributed += used;
            out.printf("    %-40s %.2f cores%n", group.getKey(), used / 1e9 / seconds);
        }
        out.printf("    %-40s %.2f cores%n", "unattributed (GC, threads that ended)",
                (processCpuNanos - before.processCpuNanos - attributed) / 1e9 / seconds);
    }

    /** Heap in use after a full collection. */
    static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Resident set size of this process, from /proc; 0 where there is none. */
    static long rssKiB() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
