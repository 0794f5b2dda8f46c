package io.switchback.sandbox;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.switchback.cluster.Phase;
import io.switchback.cluster.ReleaseRecord;
import io.switchback.events.Color;
import io.switchback.healthmonitor.HealthMonitorApplication;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures one health-monitor judging many live releases at once: a real broker, the mock API server holding
 * the releases' Services (records soaking), Deployments and ready pods, and one HTTP server playing every pod
 * ({@link SyntheticPods}). Prints the evaluation lag, the evaluations done and skipped, CPU by thread group and
 * memory.
 */
@Command(name = "monitor-bench", mixinStandardHelpOptions = true,
        description = "Measure one health-monitor evaluating many live releases every second.")
public final class MonitorBenchCommand implements Callable<Integer> {

    private static final String NAMESPACE = MockApiServer.NAMESPACE;

    @Option(names = "--releases", defaultValue = "1000", description = "Live releases to watch (default: ${DEFAULT-VALUE}).")
    int releases;

    @Option(names = "--pods", defaultValue = "2", description = "Pods per release (default: ${DEFAULT-VALUE}).")
    int pods;

    @Option(names = "--warmup", defaultValue = "PT30S", description = "Time after every release is watched before measuring (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "PT2M", description = "How long to measure (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--set", description = "A property for the health-monitor, key=value (repeatable).")
    Map<String, String> overrides = new HashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("switchback-monitor-bench");
        EmbeddedKafkaKraftBroker broker = Sandbox.embeddedBroker();
        try (MockApiServer api = MockApiServer.start(dir); SyntheticPods endpoints = SyntheticPods.start(50, 4)) {
            out.printf("creating %d live releases with %d pods each%n", releases, pods);
            out.flush();
            createReleases(api.client(Identities.TEST), endpoints.port());
            long heapBefore = ProcessFigures.heapAfterGc();
            try (ConfigurableApplicationContext monitor = startMonitor(broker.getBrokersAsString(),
                    api.kubeconfig(Identities.HEALTH_MONITOR))) {
                MeterRegistry meters = monitor.getBean(MeterRegistry.class);
                Instant start = Instant.now();
                awaitWatched(meters, Duration.ofMinutes(3));
                out.printf("all %d releases watched after %d ms; warming up for %s%n", releases,
                        Duration.between(start, Instant.now()).toMillis(), warmup);
                out.flush();
                TimeUnit.MILLISECONDS.sleep(warmup.toMillis());
                measure(out, meters, heapBefore);
            }
        } finally {
            broker.destroy();
        }
        return 0;
    }

    private void measure(PrintWriter out, MeterRegistry meters, long heapBefore) throws InterruptedException {
        double doneBefore = count(meters, "done");
        double skippedBefore = count(meters, "skipped");
        double errorsBefore = count(meters, "error");
        ProcessFigures cpuBefore = ProcessFigures.now();
        TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        ProcessFigures cpuAfter = ProcessFigures.now();
        Timer lag = meters.get("switchback.health.evaluation.lag").timer();
        HistogramSnapshot snapshot = lag.takeSnapshot();
        double seconds = duration.toMillis() / 1000.0;
        double done = count(meters, "done") - doneBefore;
        out.printf("%nmeasured for %.0f s: %d releases x %d pods, one evaluation a second each%n", seconds, releases, pods);
        out.printf("  evaluations done      %.0f (%.1f a second; %.1f%% of the %d due)%n", done, done / seconds,
                100 * done / (releases * seconds), (long) (releases * seconds));
        out.printf("  skipped (still busy)  %.0f%n", count(meters, "skipped") - skippedBefore);
        out.printf("  failed                %.0f%n", count(meters, "error") - errorsBefore);
        for (ValueAtPercentile p : snapshot.percentileValues()) {
            out.printf("  lag p%-4s             %.0f ms%n", trim(p.percentile() * 100), p.value(TimeUnit.MILLISECONDS));
        }
        out.printf("  lag max               %.0f ms (the timer's rolling window: the last two minutes or so)%n",
                snapshot.max(TimeUnit.MILLISECONDS));
        cpuAfter.printCpuSince(cpuBefore, seconds, out);
        long heapAfter = ProcessFigures.heapAfterGc();
        out.printf("  heap after GC         %d MiB (%d MiB before the monitor started: broker, API server, pods)%n",
                heapAfter >> 20, heapBefore >> 20);
        out.printf("  RSS                   %d MiB (the whole process)%n", ProcessFigures.rssKiB() >> 10);
        out.flush();
    }

    private static String trim(double percentile) {
        return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
    }

    private static double count(MeterRegistry meters, String outcome) {
        var counter = meters.find("switchback.health.evaluations").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private void awaitWatched(MeterRegistry meters, Duration atMost) throws InterruptedException {
        Instant deadline = Instant.now().plus(atMost);
        while (meters.get("switchback.health.watched.releases").gauge().value() < releases) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("only " + meters.get("switchback.health.watched.releases").gauge().value()
                        + " of " + releases + " releases watched after " + atMost);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private ConfigurableApplicationContext startMonitor(String bootstrapServers, Path kubeconfig) {
        Map<String, String> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("switchback.kafka.bootstrap-servers", bootstrapServers);
        properties.put("switchback.environment", "staging");
        properties.put("switchback.kubernetes.namespace", NAMESPACE);
        properties.put("switchback.kubernetes.kubeconfig", kubeconfig.toString());
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.putAll(overrides);
        // as arguments, as SwitchbackServices starts them: above the services' own defaults
        return new SpringApplicationBuilder(HealthMonitorApplication.class)
                .properties(HealthMonitorApplication.CONFIG_NAME)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    private void createReleases(KubernetesClient client, int port) {
        Instant now = Instant.now();
        for (int i = 0; i < releases; i++) {
            String service = String.format("svc-%04d", i);
            client.services().inNamespace(NAMESPACE).resource(service(service, now)).create();
            client.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder()
                    .withNewMetadata().withName(service + "-green").endMetadata()
                    .withNewSpec().withReplicas(pods)
                    .withNewSelector().withMatchLabels(labels(service)).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels(service)).endMetadata()
                    .withNewSpec().addNewContainer().withName("app").withImage("r/" + service + ":2").endContainer()
                    .endSpec().endTemplate().endSpec().build()).create();
            for (int p = 0; p < pods; p++) {
                createReadyPod(client, service + "-green-" + p, service, port, now);
            }
        }
    }

    private static Map<String, String> labels(String service) {
        return Map.of("app", service, "color", Color.GREEN.wire());
    }

    private static io.fabric8.kubernetes.api.model.Service service(String service, Instant switched) {
        ReleaseRecord record = ReleaseRecord.of(new ServiceBuilder().withNewMetadata().endMetadata().withNewSpec()
                .withSelector(Map.of("color", Color.GREEN.wire())).endSpec().build()).orElseThrow().toBuilder()
                .live(service + "-staging-2", Color.GREEN, "r/" + service + ":2", switched, Phase.SOAKING,
                        switched.plus(Duration.ofDays(1)))
                .previous(Color.BLUE, "r/" + service + ":1", null).build();
        Map<String, String> annotations = new HashMap<>(Map.of("switchback.io/managed", "true"));
        record.annotations().forEach((key, value) -> {
            if (value != null) {
                annotations.put(key, value);
            }
        });
        return new ServiceBuilder().withNewMetadata().withName(service).withAnnotations(annotations).endMetadata()
                .withNewSpec().withSelector(labels(service)).endSpec().build();
    }

    private static void createReadyPod(KubernetesClient client, String name, String service, int port, Instant now) {
        client.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
                .withNewMetadata().withName(name).withLabels(labels(service))
                .withAnnotations(Map.of("prometheus.io/port", Integer.toString(port),
                        "prometheus.io/path", SyntheticPods.metricsPath(name)))
                .endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("r/" + service + ":2").endContainer()
                .endSpec().build()).create();
        client.pods().inNamespace(NAMESPACE).withName(name).editStatus(pod -> new PodBuilder(pod)
                .withStatus(new PodStatusBuilder().withPhase("Running").withPodIP("127.0.0.1")
                        .withStartTime(now.toString())
                        .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(now.toString())
                        .endCondition()
                        .addNewContainerStatus().withName("app").withReady(true).withRestartCount(0).endContainerStatus()
                        .build())
                .build());
    }
}
