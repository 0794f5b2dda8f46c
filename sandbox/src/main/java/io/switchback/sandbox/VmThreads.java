package io.switchback.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time of the JVM's own threads, which {@code ThreadMXBean} does not list: the JIT's compilers, the
 * collector's workers, the VM thread (safepoints). Read from {@code /proc/self/task}, by each thread's name.
 */
final class VmThreads {

    /** {@code /proc} counts in the clock ticks {@code /proc/stat} does. */
    private static final long NANOS_PER_TICK = (long) (1e9 / MachineCpu.TICKS_PER_SECOND);

    static final String COMPILERS = "JVM: JIT compilers";
    static final String COLLECTOR = "JVM: collector threads";
    static final String VM_THREAD = "JVM: VM thread (safepoints)";
    private static final Set<String> GROUPS = Set.of(COMPILERS, COLLECTOR, VM_THREAD);

    private VmThreads() {
    }

    /** The JVM's own threads alive now, by native thread id; empty where there is no {@code /proc/self/task}. */
    static Map<String, ProcessFigures.ThreadCpu> now() {
        Map<String, ProcessFigures.ThreadCpu> threads = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> read(task.resolve("stat")).flatMap(VmThreads::parse)
                    .ifPresent(cpu -> threads.put("native " + task.getFileName(), cpu)));
        } catch (IOException | RuntimeException notLinux) {
            return Map.of();
        }
        return threads;
    }

    /**
     * A thread's group and its CPU (user and system) from its {@code stat} line:
     * {@code tid (name) state ppid ... utime stime ...}, utime and stime the 14th and 15th fields, in ticks.
     * Empty for a thread that is not one of the JVM's own.
     */
    static Optional<ProcessFigures.ThreadCpu> parse(String statLine) {
        int open = statLine.indexOf('(');
        int close = statLine.lastIndexOf(')');
        String group = ProcessFigures.group(statLine.substring(open + 1, close));
        if (!GROUPS.contains(group)) {
            return Optional.empty();
        }
        // after the name: state(3) ppid(4) pgrp(5) session(6) tty(7) tpgid(8) flags(9) minflt(10) cminflt(11)
        // majflt(12) cmajflt(13) utime(14) stime(15)
        String[] fields = statLine.substring(close + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return Optional.of(new ProcessFigures.ThreadCpu(group, ticks * NANOS_PER_TICK));
    }

    private static Optional<String> read(Path stat) {
        try {
            return Optional.of(Files.readString(stat).strip());
        } catch (IOException threadEnded) {
            return Optional.empty();
        }
    }
}
