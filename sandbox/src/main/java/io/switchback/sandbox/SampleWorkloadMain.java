package io.switchback.sandbox;

import io.switchback.healthmonitor.MetricsProfile;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The sandbox's sample workload as a container's process: the rollback drill's service in staging (the chart's
 * {@code drillWorkload}, rollback-drill.yml). It behaves as its image's tag says, as a sandbox pod does
 * ({@link WorkloadBehaviour}): a container cannot see its image, so the image reference is baked into it at build
 * time as {@code WORKLOAD_IMAGE} (rollback-drill.yml's Jib build). Listens on every interface, port {@code PORT}
 * (default 8080), with Spring Boot's metrics and health endpoints. A {@code crash-after-N} fault exits the
 * process N seconds after it started serving, as a crash-looping container does.
 */
public final class SampleWorkloadMain {

    private SampleWorkloadMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SampleWorkload workload = start(System.getenv());
        Duration crash = workload.behaviour().crashAfter();
        if (crash != null) {
            Thread.sleep(crash.toMillis());
            System.err.println("crash-after-" + crash.toSeconds() + ": exiting as the image's fault says");
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    /** Starts serving as {@code env} says; the workload counts as ready from now (the clock of unready-after-N). */
    static SampleWorkload start(Map<String, String> env) {
        WorkloadBehaviour behaviour = WorkloadBehaviour.fromImage(env.getOrDefault("WORKLOAD_IMAGE", ""));
        behaviour.problems().forEach(problem -> System.err.println("WORKLOAD_IMAGE: " + problem));
        int port = Integer.parseInt(env.getOrDefault("PORT", "8080"));
        SampleWorkload workload = new SampleWorkload(env.getOrDefault("HOSTNAME", "sample-workload"), behaviour,
                new InetSocketAddress(port), MetricsProfile.Kind.SPRING_BOOT);
        workload.podFirstReadyAt(Instant.now());
        System.err.println("sample workload " + behaviour.version() + " on port " + workload.port());
        return workload;
    }
}
