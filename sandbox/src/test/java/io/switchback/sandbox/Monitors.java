package io.switchback.sandbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchback.cluster.ClusterProperties;
import io.switchback.healthmonitor.ColourObjects;
import io.switchback.healthmonitor.DirectScrapeSource;
import io.switchback.healthmonitor.HealthProperties;
import io.switchback.healthmonitor.MetricSource;
import io.switchback.healthmonitor.Misconfigurations;
import io.switchback.healthmonitor.PrometheusSource;
import io.switchback.healthmonitor.ReleaseEvaluator;
import io.switchback.healthmonitor.Verdict;
import io.switchback.healthmonitor.WatchedRelease;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The health-monitor's sources and evaluator as the service wires them, from its own properties. */
final class Monitors {

    private Monitors() {
    }

    /** {@code switchback.health.*} from these properties (keys without the prefix), defaults for the rest. */
    static HealthProperties health(Map<String, String> properties) {
        Map<String, String> prefixed = new java.util.HashMap<>();
        properties.forEach((k, v) -> prefixed.put("switchback.health." + k, v));
        return new Binder(new MapConfigurationPropertySource(prefixed)).bindOrCreate("switchback.health",
                HealthProperties.class);
    }

    /** The informers the sources read pods and Deployments from, one pair per server, until {@link #stopInformers}. */
    private static final Map<MockApiServer, ColourObjects> INFORMERS = new java.util.concurrent.ConcurrentHashMap<>();

    static MetricSource source(MockApiServer server, HealthProperties health, Misconfigurations misconfigurations) {
        ColourObjects cluster = INFORMERS.computeIfAbsent(server, s -> {
            ColourObjects started = new ColourObjects(s.client(Identities.HEALTH_MONITOR), new ClusterProperties(
                    "staging", new ClusterProperties.Kubernetes(SamplePods.NAMESPACE, null, null)));
            started.start();
            Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(started::known);
            return started;
        });
        return switch (health.metricSource()) {
            case DIRECT_SCRAPE -> new DirectScrapeSource(cluster, Clock.systemUTC(), health, misconfigurations);
            case PROMETHEUS -> new PrometheusSource(cluster, Clock.systemUTC(), health, misconfigurations,
                    new SimpleMeterRegistry());
        };
    }

    static void stopInformers() {
        INFORMERS.values().forEach(ColourObjects::stop);
        INFORMERS.clear();
    }

    static Misconfigurations misconfigurations(SimpleMeterRegistry meters) {
        return new Misconfigurations(meters, Clock.systemUTC(), java.time.Duration.ofSeconds(1));
    }

    /** One release judged through one source, evaluation after evaluation, as the evaluation loop does. */
    static final class Judge {
        final WatchedRelease release;
        final MetricSource source;
        final ReleaseEvaluator evaluator;
        final List<Verdict> verdicts = new CopyOnWriteArrayList<>();

        Judge(WatchedRelease release, MetricSource source, HealthProperties health) {
            this.release = release;
            this.source = source;
            this.evaluator = new ReleaseEvaluator(health.rulesFor(release.service()));
        }

        synchronized void evaluate() {
            for (Verdict verdict : evaluator.evaluate(source.snapshot(release))) {
                evaluator.reported(verdict);
                verdicts.add(verdict);
            }
        }

        boolean has(Verdict.Kind kind, io.switchback.events.HealthCheck check) {
            return verdicts.stream().anyMatch(v -> v.kind() == kind && v.result().check() == check);
        }
    }
}
