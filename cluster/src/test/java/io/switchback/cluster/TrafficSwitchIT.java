package io.switchback.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.events.Color;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import io.switchback.testkit.MockKubernetes;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The switch as the deployer makes it (identity {@code switchback-deployer}); the test seeds and looks as {@code test}. */
@MockKubernetes
class TrafficSwitchIT {

    @Test
    void pointsTheSelectorAndRecordsTheReleaseOnlyIfNobodyChangedTheService(MockApiServer server, KubernetesClient client) {
        Service created = client.services().inNamespace("default").resource(new ServiceBuilder()
                .withNewMetadata().withName("checkout").withAnnotations(Map.of(ReleaseRecord.MANAGED, "true",
                        "team.example/owner", "payments")).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "checkout", "color", "blue")).endSpec().build()).create();
        ReleaseRecord before = ReleaseRecord.of(created).orElseThrow();
        assertThat(before.liveColor()).isEqualTo(Color.BLUE);
        assertThat(before.deploymentId()).isNull();

        TrafficSwitch traffic = new TrafficSwitch(server.client(Identities.DEPLOYER), ClusterRetry.standard());
        ReleaseRecord green = new ReleaseRecord("checkout-staging-1", Color.GREEN, "r/checkout:1.5.0", Color.BLUE,
                "r/checkout:1.4.0", null, Instant.parse("2026-11-26T10:30:00Z"), Instant.parse("2026-11-26T10:15:00Z"), null);
        Service switched = traffic.pointAt(created, green);

        assertThat(switched.getSpec().getSelector()).containsEntry("color", "green").containsEntry("app", "checkout");
        assertThat(switched.getMetadata().getAnnotations()).containsEntry("team.example/owner", "payments");
        assertThat(ReleaseRecord.of(client.services().inNamespace("default").withName("checkout").get()))
                .contains(green);

        assertThatThrownBy(() -> traffic.pointAt(created, before))
                .isInstanceOf(TrafficSwitch.ConcurrentChangeException.class)
                .hasMessageContaining("changed since resourceVersion");
        assertThat(client.services().inNamespace("default").withName("checkout").get().getSpec().getSelector())
                .containsEntry("color", "green");
    }
}
