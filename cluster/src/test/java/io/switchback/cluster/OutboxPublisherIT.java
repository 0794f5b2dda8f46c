package io.switchback.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.events.Color;
import io.switchback.events.DeploymentStable;
import io.switchback.events.RollbackCause;
import io.switchback.events.RollbackStarted;
import io.switchback.events.RollbackTrigger;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.Topic;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import io.switchback.platform.EventPublisher;
import io.switchback.testkit.MockKubernetes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** The outbox on a Service: each service publishes its own topic's entries, then removes exactly those. */
@MockKubernetes
class OutboxPublisherIT {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    /** The test's own looks and seeding. */
    private final KubernetesClient client;
    /** The code under test calls as the deployer does. */
    private final KubernetesClient deployer;

    OutboxPublisherIT(MockApiServer server, KubernetesClient client) {
        this.client = client;
        this.deployer = server.client(Identities.DEPLOYER);
    }

    @Test
    void publishesOnlyItsTopicsEntriesThenRemovesThem() {
        BlueGreenCluster cluster = new BlueGreenCluster(deployer, ClusterRetry.standard(), "default");
        DeploymentStable stable = new DeploymentStable("e-1", T0, "staging", "checkout", "d-1", Color.GREEN, "r/c:1",
                10, null, null, null, null);
        RollbackStarted started = new RollbackStarted("e-2", T0, "staging", "checkout", "d-1", "rb-1",
                new RollbackCause(RollbackTrigger.MANUAL, "c-1", null, null, null, "asked"), Color.GREEN, Color.BLUE);
        Service service = withOutbox(cluster, stable, started);
        RecordingPublisher kafka = new RecordingPublisher();
        OutboxPublisher deployer = new OutboxPublisher(cluster, kafka, Topic.DEPLOYMENTS);

        assertThat(deployer.hasEntries(service)).isTrue();
        Service after = deployer.flush(service);

        assertThat(kafka.published).containsExactly(stable);
        assertThat(ReleaseRecord.of(after).orElseThrow().outbox()).containsExactly(started);
        assertThat(deployer.hasEntries(after)).isFalse();
        assertThat(deployer.flush(after)).as("nothing left: no write").isSameAs(after);
    }

    @Test
    void aChangeSinceTheReadKeepsWhatWasAddedAndAnUnacknowledgedEventStays() {
        BlueGreenCluster cluster = new BlueGreenCluster(deployer, ClusterRetry.standard(), "default");
        DeploymentStable first = new DeploymentStable("e-1", T0, "staging", "checkout", "d-1", Color.GREEN, "r/c:1",
                10, null, null, null, null);
        DeploymentStable second = new DeploymentStable("e-3", T0, "staging", "checkout", "d-2", Color.BLUE, "r/c:2",
                10, null, null, null, null);
        Service read = withOutbox(cluster, first);
        Service changed = cluster.writeRecord(read, ReleaseRecord.of(read).orElseThrow().toBuilder().publish(second).build());
        RecordingPublisher kafka = new RecordingPublisher();

        Service after = new OutboxPublisher(cluster, kafka, Topic.DEPLOYMENTS).flush(read);

        assertThat(kafka.published).containsExactly(first);
        assertThat(ReleaseRecord.of(after).orElseThrow().outbox()).containsExactly(second);
        assertThat(after.getMetadata().getResourceVersion()).isNotEqualTo(changed.getMetadata().getResourceVersion());

        RecordingPublisher down = new RecordingPublisher();
        down.acknowledge = false;
        assertThatThrownBy(() -> new OutboxPublisher(cluster, down, Topic.DEPLOYMENTS).flush(after))
                .isInstanceOf(EventPublisher.EventNotAcknowledgedException.class);
        assertThat(ReleaseRecord.of(cluster.service("checkout")).orElseThrow().outbox()).containsExactly(second);
    }

    private Service withOutbox(BlueGreenCluster cluster, SwitchbackEvent... events) {
        client.services().inNamespace("default").withName("checkout").delete();
        Service created = client.services().inNamespace("default").resource(new ServiceBuilder()
                .withNewMetadata().withName("checkout").withAnnotations(Map.of(BlueGreen.MANAGED, "true")).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "checkout", "color", "green")).endSpec().build()).create();
        return cluster.writeRecord(created, ReleaseRecord.of(created).orElseThrow().toBuilder().publish(events).build());
    }

    /** Kafka as the outbox sees it: acknowledged or not. */
    static final class RecordingPublisher extends EventPublisher {
        final List<SwitchbackEvent> published = new ArrayList<>();
        boolean acknowledge = true;

        RecordingPublisher() {
            super(null, java.time.Duration.ofSeconds(1));
        }

        @Override
        public RecordMetadata publish(SwitchbackEvent event) {
            if (!acknowledge) {
                throw new EventNotAcknowledgedException(event, "broker down", null);
            }
            published.add(event);
            return null;
        }
    }
}
