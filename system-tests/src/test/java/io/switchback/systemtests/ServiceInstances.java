package io.switchback.systemtests;

import static org.awaitility.Awaitility.await;

import io.switchback.testkit.ServiceProbes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.util.FileSystemUtils;

/**
 * Switchback's services as their operators run them: {@code java -jar} of each service's executable jar (built by
 * the reactor's package phase), extracted once by Spring Boot's own tools into the layout it recommends for
 * container images (the application jar beside its libraries: a start takes about a third less CPU than from the
 * nested jars, and the suite's time is its starts on two cores), configured only by properties. Instances are
 * named {@code <service>-<n>}; each has its own port and its Kafka client id is its name, so a test can tell which
 * one owns a partition.
 */
final class ServiceInstances implements AutoCloseable {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** One running instance: its process and its HTTP port. */
    record Instance(String name, String service, JavaProcess process, int port) {
    }

    private final Path logs;
    private final Path jars;
    private final Function<String, Map<String, String>> properties;
    private final Map<String, Path> extracted = new LinkedHashMap<>();
    private final Map<String, Instance> running = new LinkedHashMap<>();
    private final Map<String, Integer> started = new LinkedHashMap<>();
    private final Set<String> paused = new HashSet<>();

    /**
     * @param jars       where each service's jar is extracted to
     * @param properties per service, the properties every instance of it starts with
     */
    ServiceInstances(Path logs, Path jars, Function<String, Map<String, String>> properties) {
        this.logs = logs;
        this.jars = jars;
        this.properties = properties;
    }

    /** Extracts the jars of {@code services} that are not yet, all at once; returns when they are. */
    synchronized void extract(Collection<String> services) {
        Map<String, JavaProcess> extracting = new LinkedHashMap<>();
        for (String service : services) {
            if (!extracted.containsKey(service) && !extracting.containsKey(service)) {
                Path jar = ROOT.resolve(service).resolve("target").resolve("switchback-" + service + "-exec.jar");
                if (!Files.exists(jar)) {
                    throw new IllegalStateException("no executable jar " + jar + ": run the reactor's package phase first");
                }
                try {
                    // what an earlier run extracted may be of an older build
                    FileSystemUtils.deleteRecursively(jars.resolve(service));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                extracting.put(service, JavaProcess.start("extract-" + service, logs, List.of("-Djarmode=tools",
                        "-jar", jar.toString(), "extract", "--destination", jars.resolve(service).toString()),
                        Map.of()));
            }
        }
        extracting.forEach((service, process) -> {
            if (process.waitFor(READY_TIMEOUT) != 0) {
                throw new IllegalStateException("extracting the jar of " + service + " failed; see " + process.log());
            }
            extracted.put(service, jars.resolve(service).resolve("switchback-" + service + "-exec.jar"));
        });
    }

    /** Starts one more instance of {@code service} (not waiting for it); returns its name. */
    synchronized String start(String service) {
        extract(List.of(service));
        String name = service + "-" + started.merge(service, 1, Integer::sum);
        Path jar = extracted.get(service);
        int port = JavaProcess.freePort();
        List<String> arguments = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString()));
        Map<String, String> settings = new LinkedHashMap<>(properties.apply(service));
        settings.put("server.port", Integer.toString(port));
        settings.put("spring.kafka.consumer.client-id", name);
        settings.put("spring.kafka.producer.client-id", name);
        settings.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        running.put(name, new Instance(name, service, JavaProcess.start(name, logs, arguments, Map.of()), port));
        return name;
    }

    /** Starts an instance and waits until it is ready (Kafka reachable, its listeners assigned or waiting). */
    String startReady(String service) {
        String name = start(service);
        awaitReady(name);
        return name;
    }

    void awaitReady(String name) {
        Instance instance = instance(name);
        await(name + " ready").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> !instance.process().alive() || ServiceProbes.readinessStatus(instance.port()) == 200);
        if (!instance.process().alive()) {
            throw new IllegalStateException(name + " exited; see " + instance.process().log());
        }
    }

    /** {@code kill -9} of an instance: it is gone, nothing of it runs on. */
    void kill(String name) {
        Instance instance;
        synchronized (this) {
            instance = running.remove(name);
            paused.remove(name);
        }
        if (instance != null) {
            instance.process().kill();
        }
    }

    void pause(String name) {
        instance(name).process().pause();
        synchronized (this) {
            paused.add(name);
        }
    }

    void resume(String name) {
        instance(name).process().resume();
        synchronized (this) {
            paused.remove(name);
        }
    }

    /** Resumes every paused instance of {@code service}. */
    void resumeAll(String service) {
        List<String> stopped;
        synchronized (this) {
            stopped = paused.stream().filter(n -> running.containsKey(n) && running.get(n).service().equals(service))
                    .toList();
        }
        stopped.forEach(this::resume);
    }

    synchronized Instance instance(String name) {
        Instance instance = running.get(name);
        if (instance == null) {
            throw new IllegalArgumentException("no running instance " + name + "; running: " + running.keySet());
        }
        return instance;
    }

    synchronized List<String> instances(String service) {
        return running.values().stream().filter(i -> i.service().equals(service)).map(Instance::name).toList();
    }

    int port(String name) {
        return instance(name).port();
    }

    @Override
    public void close() {
        List<Instance> all;
        synchronized (this) {
            all = new ArrayList<>(running.values());
            running.clear();
        }
        all.forEach(i -> i.process().kill());
    }
}
