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
import java.util.TreeMap;

/**
 * CPU time of this process's threads, grouped by what they do (by thread name), and its memory: for benchmarks
 * that run the measured service beside its test doubles in one process. Each thread is read by its id, Java's
 * through {@code ThreadMXBean} and the JVM's own (compilers, collector, VM thread) from {@link VmThreads}, so a
 * group counts only the threads alive at both readings, and what the others used is "unattributed".
 */
record ProcessFigures(long processCpuNanos, Map<String, ThreadCpu> threads) {

    /** One thread's group and CPU so far (user and system). */
    record ThreadCpu(String group, long nanos) {
    }

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
            Map.entry("kafka-producer-network-thread", "Kafka producers' I/O"),
            // the JVM's own, read by VmThreads (native names, at most 15 characters)
            Map.entry("C1 CompilerThre", VmThreads.COMPILERS),
            Map.entry("C2 CompilerThre", VmThreads.COMPILERS),
            Map.entry("GC Thread#", VmThreads.COLLECTOR),
            Map.entry("ParGC Thread#", VmThreads.COLLECTOR),
            Map.entry("G1 ", VmThreads.COLLECTOR),
            Map.entry("VM Thread", VmThreads.VM_THREAD));

    static ProcessFigures now() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, ThreadCpu> threads = new LinkedHashMap<>();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    threads.put("java " + info.getThreadId(), new ThreadCpu(group(info.getThreadName()), cpu));
                }
            }
        }
        threads.putAll(VmThreads.now());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new ProcessFigures(os.getProcessCpuTime(), threads);
    }

    static String group(String threadName) {
        return GROUPS.stream().filter(g -> threadName.startsWith(g.getKey())).map(Map.Entry::getValue).findFirst()
                .orElse("other (broker, Kafka clients)");
    }

    /**
     * CPU used between {@code before} and this, in cores, in all and by group (threads alive at both readings); the
     * rest, threads that started or ended between the two, "unattributed".
     */
    void printCpuSince(ProcessFigures before, double seconds, PrintWriter out) {
        out.printf("  CPU, whole process    %.2f cores of %d%n", (processCpuNanos - before.processCpuNanos) / 1e9 / seconds,
                Runtime.getRuntime().availableProcessors());
        Map<String, Long> byGroup = new TreeMap<>();
        long attributed = 0;
        for (Map.Entry<String, ThreadCpu> thread : threads.entrySet()) {
            ThreadCpu then = before.threads.get(thread.getKey());
            if (then != null) {
                long used = thread.getValue().nanos() - then.nanos();
                byGroup.merge(thread.getValue().group(), used, Long::sum);
                attributed += used;
            }
        }
        byGroup.forEach((group, used) -> out.printf("    %-40s %.2f cores%n", group, used / 1e9 / seconds));
        out.printf("    %-40s %.2f cores%n", "unattributed (threads started or ended)",
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
