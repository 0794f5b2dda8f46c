package io.switchback.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.switchback.events.Color;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import io.switchback.testkit.MockKubernetes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events on the Service and its Deployment, recorded after the work; an API server that refuses them fails nothing. */
@MockKubernetes
class KubernetesEventsIT {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final DeploymentTrafficSwitched SWITCHED = new DeploymentTrafficSwitched("e-1", T0, "staging",
            "checkout", "d-2", Color.GREEN, "r/c:1.5.0", Color.BLUE, "r/c:1.4.0", T0.plusSeconds(900), null);

    private final KubernetesClient client;
    private final KubernetesClient deployer;

    KubernetesEventsIT(MockApiServer server, KubernetesClient client) {
        this.client = client;
        this.deployer = server.client(Identities.DEPLOYER);
    }

    @Test
    void aSwitchIsAnEventOnTheServiceAndOnTheDeploymentItWentTo() {
        try (KubernetesEvents events = new KubernetesEvents(deployer, "default", "switchback.io/deployer", "deployer-0",
                Clock.systemUTC())) {
            events.published(SWITCHED);

            await().atMost(Duration.ofSeconds(10)).until(() -> recorded().size() == 2);
            List<Event> recorded = recorded();
            assertThat(recorded).extracting(e -> e.getRegarding().getKind() + "/" + e.getRegarding().getName())
                    .containsExactlyInAnyOrder("Service/checkout", "Deployment/checkout-green");
            assertThat(recorded).allSatisfy(e -> {
                assertThat(e.getReason()).isEqualTo("TrafficSwitched");
                assertThat(e.getType()).isEqualTo("Normal");
                assertThat(e.getReportingController()).isEqualTo("switchback.io/deployer");
                assertThat(e.getNote()).startsWith("traffic blue -> green").hasSizeLessThanOrEqualTo(1_000);
                assertThat(e.getMetadata().getAnnotations()).containsEntry("switchback.io/event-id", "e-1");
            });
            assertThat(events.failed()).isZero();
        }
    }

    @Test
    void anApiServerThatRefusesEventsFailsNothingAndIsCounted() {
        KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:9").withRequestRetryBackoffLimit(0).build()).build();
        try (unreachable; KubernetesEvents events = new KubernetesEvents(unreachable, "default",
                "switchback.io/rollback-controller", "rc-0", Clock.systemUTC())) {
            events.published(SWITCHED);

            await().atMost(Duration.ofSeconds(20)).until(() -> events.failed() == 2);
        }
    }

    private List<Event> recorded() {
        return client.events().v1().events().inNamespace("default").list().getItems();
    }
}
