package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchback.events.Color;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import io.switchback.events.EventKeys;
import io.switchback.events.HealthBreached;
import io.switchback.events.Topic;
import io.switchback.platform.EventPublisher;
import io.switchback.platform.PartitionOwnership;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two health-monitor instances in one consumer group, on a real broker and one mock API server: each
 * release is judged, and its verdicts published, by the instance that owns its service's partition only;
 * when an instance leaves, the other resumes its releases from the cluster's records.
 */
@RealKafka
class HealthMonitorReplicasIT {

    // an environment of its own: cached contexts of other test classes ignore these events
    static final String ENVIRONMENT = "replicas";
    static final int PARTITIONS = 6;

    static MockApiServer server;
    static KubernetesClient client;
    static HealthTopic health;

    @BeforeAll
    static void start(KafkaBroker broker) throws java.io.IOException {
        server = MockApiServer.start(java.nio.file.Files.createTempDirectory("mock-api-server"));
        client = server.client(Identities.TEST);
        broker.createTopics(PARTITIONS, Topic.Names.HEALTH);
        health = new HealthTopic(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        health.close();
        server.close();
    }

    @Test
    void eachReleasesVerdictsComeFromTheOneInstanceThatOwnsItsServicesPartition() {
        String group = "health-monitor-replicas-" + UUID.randomUUID();
        List<FakePod> pods = new ArrayList<>();
        try (ConfigurableApplicationContext one = instance(group); ConfigurableApplicationContext two = instance(group)) {
            PartitionOwnership ownsOne = one.getBean(PartitionOwnership.class);
            PartitionOwnership ownsTwo = two.getBean(PartitionOwnership.class);
            await("the group split the partitions").atMost(Duration.ofSeconds(60)).until(() -> split(ownsOne, ownsTwo));
            Set<String> servicesOfOne = servicesOwnedBy(ownsOne, 2);
            Set<String> servicesOfTwo = servicesOwnedBy(ownsTwo, 2);
            Map<String, String> releases = new HashMap<>();
            for (String service : union(servicesOfOne, servicesOfTwo)) {
                releases.put(service, failingRelease(service, pods, one.getBean(EventPublisher.class)));
            }

            await("a breach of every release").atMost(Duration.ofSeconds(30)).until(() -> releases.values().stream()
                    .allMatch(id -> !health.events(HealthBreached.class, id).isEmpty()));
            await("one breach each, not one per instance").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> releases.values().stream()
                            .allMatch(id -> health.events(HealthBreached.class, id).size() == 1));
            assertThat(watchedServices(one)).isEqualTo(servicesOfOne);
            assertThat(watchedServices(two)).isEqualTo(servicesOfTwo);
            assertThat(breachesPublishedBy(one)).isEqualTo(2);
            assertThat(breachesPublishedBy(two)).isEqualTo(2);

            Set<ReleaseWatches.Watch> watchesOfOne = Set.copyOf(one.getBean(ReleaseWatches.class).all());
            two.close();

            await("the releases of the instance that left are resumed from the records").atMost(Duration.ofSeconds(60))
                    .until(() -> watchedServices(one).equals(union(servicesOfOne, servicesOfTwo)));
            assertThat(one.getBean(ReleaseWatches.class).all()).as("its own watches kept their state through the move")
                    .containsAll(watchesOfOne);
            await("its own releases' breaches not published again").during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4)).until(() -> servicesOfOne.stream()
                            .allMatch(service -> health.events(HealthBreached.class, releases.get(service)).size() == 1));
        } finally {
            pods.forEach(FakePod::close);
        }
    }

    /** A release live on green whose only pod fails its health endpoint; returns its deployment id. */
    private static String failingRelease(String service, List<FakePod> pods, EventPublisher publisher) {
        String deploymentId = service + "-" + ENVIRONMENT + "-" + UUID.randomUUID().toString().substring(0, 8);
        FakePod pod = new FakePod(25, 0);
        pod.healthStatus = 503;
        pods.add(pod);
        LiveReleases.liveService(client, service, Color.GREEN, deploymentId);
        LiveReleases.pod(client, service + "-green-a", service, Color.GREEN, pod.port(), true);
        publisher.publish(HealthFixtures.trafficSwitched(service, deploymentId, Instant.now(), Color.GREEN, ENVIRONMENT));
        return deploymentId;
    }

    private static ConfigurableApplicationContext instance(String group) {
        return HealthMonitorApplication.builder().web(WebApplicationType.NONE)
                .initializers(context -> context.getBeanFactory().registerSingleton("sharedKubernetesClient",
                        server.client(Identities.HEALTH_MONITOR)))
                .properties("switchback.environment=" + ENVIRONMENT,
                        "switchback.health.evaluation-interval=500ms",
                        "spring.kafka.consumer.group-id=" + group)
                .run();
    }

    private static boolean split(PartitionOwnership one, PartitionOwnership two) {
        Set<TopicPartition> a = deployments(one);
        Set<TopicPartition> b = deployments(two);
        return !a.isEmpty() && !b.isEmpty() && a.size() + b.size() == PARTITIONS && union(a, b).size() == PARTITIONS;
    }

    private static Set<TopicPartition> deployments(PartitionOwnership ownership) {
        return ownership.owned().stream().filter(p -> p.topic().equals(Topic.Names.DEPLOYMENTS))
                .collect(Collectors.toSet());
    }

    private static Set<String> servicesOwnedBy(PartitionOwnership ownership, int count) {
        return IntStream.range(0, 1000).mapToObj(i -> "shop" + i)
                .filter(s -> ownership.owns(Topic.Names.DEPLOYMENTS, EventKeys.release(ENVIRONMENT, s)))
                .limit(count).collect(Collectors.toSet());
    }

    private static Set<String> watchedServices(ConfigurableApplicationContext instance) {
        return instance.getBean(ReleaseWatches.class).all().stream().map(w -> w.release().service())
                .collect(Collectors.toSet());
    }

    private static double breachesPublishedBy(ConfigurableApplicationContext instance) {
        return instance.getBean(MeterRegistry.class).find("switchback.health.verdicts")
                .tags("check", "health-endpoint", "verdict", "breached").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
