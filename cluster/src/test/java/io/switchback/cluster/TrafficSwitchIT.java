package io.switchback.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.switchback.events.Color;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class TrafficSwitchIT {

    KubernetesClient client;

    @Test
    void pointsTheSelectorAndRecordsTheReleaseOnlyIfNobodyChangedTheService() {
        Service created = client.services().inNamespace("default").resource(new ServiceBuilder()
                .withNewMetadata().withName("checkout").withAnnotations(Map.of(ReleaseRecord.MANAGED, "true",
                        "team.example/owner", "payments")).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "checkout", "color", "blue")).endSpec().build()).create();
        ReleaseRecord before = ReleaseRecord.of(created).orElseThrow();
        assertThat(before.liveColor()).isEqualTo(Color.BLUE);
        assertThat(before.deploymentId()).isNull();

        TrafficSwitch traffic = new TrafficSwitch(client, ClusterRetry.standard());
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
