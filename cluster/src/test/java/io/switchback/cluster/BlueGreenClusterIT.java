package io.switchback.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.events.Color;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import io.switchback.testkit.MockKubernetes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads and guarded writes of a blue-green pair through a real client against the CRUD mock API server. */
@MockKubernetes
class BlueGreenClusterIT {

    /** The test's own looks and seeding. */
    private final KubernetesClient client;
    /** The code under test calls as the deployer does. */
    private final KubernetesClient deployer;

    BlueGreenClusterIT(MockApiServer server, KubernetesClient client) {
        this.client = client;
        this.deployer = server.client(Identities.DEPLOYER);
    }

    @Test
    void recordsTheReleaseAndPointsTheSelectorOnlyIfNobodyChangedTheService() {
        Service created = client.services().inNamespace("default").resource(new ServiceBuilder()
                .withNewMetadata().withName("checkout").withAnnotations(Map.of(BlueGreen.MANAGED, "true",
                        "team.example/owner", "payments")).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "checkout", "color", "blue")).endSpec().build()).create();
        BlueGreenCluster cluster = new BlueGreenCluster(deployer, ClusterRetry.standard(), "default");
        ReleaseRecord before = ReleaseRecord.of(created).orElseThrow();
        ReleaseRecord green = before.toBuilder().live("checkout-staging-1", Color.GREEN, "r/checkout:1.5.0",
                Instant.parse("2026-11-26T10:15:00Z"), Phase.SOAKING, Instant.parse("2026-11-26T10:30:00Z"))
                .previous(Color.BLUE, "r/checkout:1.4.0", null).build();

        Service switched = cluster.writeRecord(created, green);

        assertThat(switched.getSpec().getSelector()).containsEntry("color", "green").containsEntry("app", "checkout");
        assertThat(switched.getMetadata().getAnnotations()).containsEntry("team.example/owner", "payments");
        assertThat(ReleaseRecord.of(cluster.service("checkout"))).contains(green);
        assertThat(cluster.managedServices()).extracting(s -> s.getMetadata().getName()).containsExactly("checkout");
        assertThatThrownBy(() -> cluster.writeRecord(created, before))
                .isInstanceOf(ConcurrentChangeException.class).hasMessageContaining("changed since resourceVersion");
        assertThat(BlueGreen.selectedColor(cluster.service("checkout"))).contains(Color.GREEN);
    }

    @Test
    void createsScalesAndReplacesAColourOnlyIfNobodyChangedIt() {
        BlueGreenCluster cluster = new BlueGreenCluster(deployer, ClusterRetry.standard(), "default");
        Deployment created = cluster.create(deployment("r/checkout:1.4.0", 2, Map.of("team.example/owner", "payments")));
        assertThatThrownBy(() -> cluster.create(deployment("r/checkout:1.4.0", 2, Map.of())))
                .isInstanceOf(ConcurrentChangeException.class);

        Deployment scaled = cluster.scale(created, 0);
        assertThat(cluster.deployment("shop", Color.GREEN).getSpec().getReplicas()).isZero();
        assertThat(BlueGreen.imageOf(scaled)).as("only the replicas").isEqualTo("r/checkout:1.4.0");
        assertThatThrownBy(() -> cluster.scale(created, 3)).as("stale").isInstanceOf(ConcurrentChangeException.class);

        Deployment current = cluster.deployment("shop", Color.GREEN);
        Deployment replaced = cluster.replace(current,
                deployment("r/checkout:1.5.0", 2, Map.of(BlueGreen.DEPLOYMENT_ID, "shop-staging-2")));
        assertThat(BlueGreen.imageOf(replaced)).isEqualTo("r/checkout:1.5.0");
        assertThat(BlueGreen.deploymentIdOf(replaced)).isEqualTo("shop-staging-2");
        assertThat(replaced.getMetadata().getAnnotations()).as("not Switchback's: kept")
                .containsEntry("team.example/owner", "payments");
        assertThatThrownBy(() -> cluster.replace(current, deployment("r/x:1", 1, Map.of())))
                .isInstanceOf(ConcurrentChangeException.class);
    }

    @Test
    void awaitsReadinessWithABound() {
        BlueGreenCluster cluster = new BlueGreenCluster(deployer, ClusterRetry.standard(), "default");
        cluster.create(deployment("r/checkout:1.4.0", 1, Map.of()));

        assertThat(cluster.awaitReady("shop", Color.GREEN, Duration.ofMillis(300))).isEmpty();

        client.apps().deployments().inNamespace("default").withName("shop-green").editStatus(d -> {
            d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withObservedGeneration(1L)
                    .withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).build());
            return d;
        });
        assertThat(cluster.awaitReady("shop", Color.GREEN, Duration.ofSeconds(5))).isPresent();
    }

    private static Deployment deployment(String image, int replicas, Map<String, String> annotations) {
        Map<String, String> labels = BlueGreen.podLabels("shop", Color.GREEN);
        return new DeploymentBuilder()
                .withNewMetadata().withName("shop-green").withNamespace("default").withLabels(labels)
                    .withAnnotations(annotations).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                    .withNewSpec().addNewContainer().withName("shop").withImage(image).endContainer().endSpec()
                    .endTemplate()
                .endSpec().build();
    }
}
