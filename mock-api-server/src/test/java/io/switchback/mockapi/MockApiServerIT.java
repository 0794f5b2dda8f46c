package io.switchback.mockapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the simulated API server honours, seen through real Fabric8 clients configured from kubeconfigs. */
class MockApiServerIT {

    private static final String NS = MockApiServer.NAMESPACE;

    @TempDir
    Path dir;
    MockApiServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        server = MockApiServer.start(dir);
        client = server.client(Identities.TEST);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void eachIdentityHasAKubeconfigAndItsCallsAreRecordedUnderIt() throws IOException {
        Path kubeconfig = server.kubeconfig(Identities.DEPLOYER);
        assertThat(kubeconfig).isEqualTo(dir.resolve("switchback-deployer.kubeconfig"));
        assertThat(java.nio.file.Files.readString(kubeconfig)).contains("server: " + server.url())
                .contains("token: switchback-deployer").contains("namespace: default");
        assertThat(server.client(Identities.DEPLOYER)).isSameAs(server.client(Identities.DEPLOYER));

        server.client(Identities.DEPLOYER).pods().list();
        client.services().inNamespace(NS).withName("absent").get();

        assertThat(server.calls().calls(Identities.DEPLOYER)).singleElement()
                .satisfies(c -> assertThat(List.of(c.verb(), c.resource(), c.namespace(), c.code()))
                        .containsExactly("list", "pods", NS, 200));
        assertThat(server.calls().calls(Identities.TEST)).singleElement()
                .satisfies(c -> assertThat(List.of(c.verb(), c.resource(), c.name(), c.code()))
                        .containsExactly("get", "services", "absent", 404));
        assertThatThrownBy(() -> server.kubeconfig("Not An Identity")).hasMessageContaining("lower-case DNS label");
    }

    @Test
    void aWriteWithAStaleResourceVersionIsRefusedWith409() {
        Deployment created = create(TeamChart.deployment("checkout", "blue", "r/checkout:1", 1));
        client.apps().deployments().inNamespace(NS).withName("checkout-blue")
                .edit(d -> new DeploymentBuilder(d).editMetadata().addToLabels("edited", "yes").endMetadata().build());

        Deployment stale = new DeploymentBuilder(created).editMetadata().addToLabels("stale", "yes").endMetadata().build();
        assertThatThrownBy(() -> client.apps().deployments().inNamespace(NS).resource(stale).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        String stalePatch = "{\"metadata\":{\"resourceVersion\":\"" + created.getMetadata().getResourceVersion()
                + "\",\"labels\":{\"stale\":\"yes\"}}}";
        assertThatThrownBy(() -> client.apps().deployments().inNamespace(NS).withName("checkout-blue")
                .patch(PatchContext.of(PatchType.JSON_MERGE), stalePatch))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(get("checkout-blue").getMetadata().getLabels()).containsEntry("edited", "yes").doesNotContainKey("stale");
        assertThat(server.calls().calls(Identities.TEST)).extracting(ApiCall::verb, ApiCall::code)
                .contains(org.assertj.core.groups.Tuple.tuple("update", 409), org.assertj.core.groups.Tuple.tuple("patch", 409));
    }

    @Test
    void theScaleSubresourceChangesTheReplicasAndTheGeneration() {
        create(TeamChart.deployment("checkout", "blue", "r/checkout:1", 2));
        long generation = get("checkout-blue").getMetadata().getGeneration();

        assertThat(client.apps().deployments().inNamespace(NS).withName("checkout-blue").scale().getSpec().getReplicas())
                .isEqualTo(2);
        client.apps().deployments().inNamespace(NS).withName("checkout-blue").scale(0);

        Deployment scaled = get("checkout-blue");
        assertThat(scaled.getSpec().getReplicas()).isZero();
        assertThat(scaled.getMetadata().getGeneration()).isGreaterThan(generation);
        assertThat(server.calls().calls(Identities.TEST)).filteredOn(c -> "scale".equals(c.subresource()))
                .extracting(ApiCall::rbacResource).containsOnly("deployments/scale").isNotEmpty();
    }

    @Test
    void aDeploymentsStatusChangesOnlyThroughItsStatusSubresource() {
        Deployment posted = new DeploymentBuilder(TeamChart.deployment("checkout", "blue", "r/checkout:1", 2))
                .withStatus(new DeploymentStatusBuilder().withReadyReplicas(2).build()).build();
        assertThat(create(posted).getStatus()).as("create drops a posted status").isNull();

        client.apps().deployments().inNamespace(NS).withName("checkout-blue").editStatus(d -> new DeploymentBuilder(d)
                .withStatus(new DeploymentStatusBuilder().withReadyReplicas(1).withObservedGeneration(1L).build())
                .editSpec().withReplicas(5).endSpec().build());
        Deployment afterStatus = get("checkout-blue");
        assertThat(afterStatus.getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(afterStatus.getSpec().getReplicas()).as("a status write leaves the spec").isEqualTo(2);

        client.apps().deployments().inNamespace(NS).withName("checkout-blue").edit(d -> new DeploymentBuilder(d)
                .editMetadata().addToLabels("edited", "yes").endMetadata()
                .withStatus(new DeploymentStatusBuilder().withReadyReplicas(9).build()).build());
        Deployment afterEdit = get("checkout-blue");
        assertThat(afterEdit.getMetadata().getLabels()).containsEntry("edited", "yes");
        assertThat(afterEdit.getStatus().getReadyReplicas()).as("an object write leaves the status").isEqualTo(1);
        client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder(afterEdit)
                .withStatus(new DeploymentStatusBuilder().withReadyReplicas(7).build()).build()).update();
        assertThat(get("checkout-blue").getStatus().getReadyReplicas()).as("so does a PUT").isEqualTo(1);
    }

    @Test
    void aPodsStatusChangesOnlyThroughItsStatusSubresource() {
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("p").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("r/c:1").endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus().build()).create();
        assertThat(client.pods().inNamespace(NS).withName("p").get().getStatus()).isNull();

        client.pods().inNamespace(NS).withName("p").editStatus(p -> new PodBuilder(p).withNewStatus().withPhase("Running")
                .withPodIP("127.0.0.1").endStatus().editMetadata().addToLabels("sneaked", "in").endMetadata().build());
        client.pods().inNamespace(NS).withName("p").edit(p -> new PodBuilder(p).editMetadata().addToLabels("app", "c")
                .endMetadata().editStatus().withPhase("Failed").endStatus().build());

        var pod = client.pods().inNamespace(NS).withName("p").get();
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(pod.getStatus().getPodIP()).isEqualTo("127.0.0.1");
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "c").doesNotContainKey("sneaked");
    }

    @Test
    void theGenerationGrowsOnlyWhenTheSpecChanges() {
        assertThat(create(TeamChart.deployment("checkout", "blue", "r/checkout:1", 1)).getMetadata().getGeneration())
                .isEqualTo(1);
        client.apps().deployments().inNamespace(NS).withName("checkout-blue")
                .edit(d -> new DeploymentBuilder(d).editMetadata().addToAnnotations("a", "b").endMetadata().build());
        client.apps().deployments().inNamespace(NS).withName("checkout-blue")
                .editStatus(d -> new DeploymentBuilder(d).withNewStatus().withReplicas(1).endStatus().build());
        assertThat(get("checkout-blue").getMetadata().getGeneration()).isEqualTo(1);

        client.apps().deployments().inNamespace(NS).withName("checkout-blue").edit(d -> new DeploymentBuilder(d)
                .editSpec().editTemplate().editSpec().editFirstContainer().withImage("r/checkout:2").endContainer()
                .endSpec().endTemplate().endSpec().build());
        assertThat(get("checkout-blue").getMetadata().getGeneration()).isEqualTo(2);
    }

    @Test
    void anOutageAnswers503ToAllButTheExemptIdentitiesUntilItEnds() throws Exception {
        create(TeamChart.deployment("checkout", "blue", "r/checkout:1", 1));
        // long enough that a loaded machine cannot outlast it between two requests
        server.unavailableFor(Duration.ofSeconds(30), Set.of(Identities.SIMULATOR));

        assertThat(rawGet(Identities.DEPLOYER).statusCode()).isEqualTo(503);
        assertThat(rawGet(Identities.DEPLOYER).body()).contains("\"reason\":\"ServiceUnavailable\"");
        assertThat(rawGet(Identities.SIMULATOR).statusCode()).isEqualTo(200);
        assertThat(server.unavailableUntil()).isAfter(java.time.Instant.now());

        server.unavailableFor(Duration.ofMillis(300), Set.of(Identities.SIMULATOR));
        await("a short outage ends by itself").atMost(Duration.ofSeconds(5)).until(() -> rawGet(Identities.DEPLOYER).statusCode() == 200);
        assertThat(server.calls().calls(Identities.DEPLOYER)).extracting(ApiCall::code).startsWith(503, 503).endsWith(200);

        server.unavailableFor(Duration.ofMinutes(5), Set.of());
        assertThat(rawGet(Identities.SIMULATOR).statusCode()).isEqualTo(503);
        server.unavailableFor(Duration.ZERO, Set.of());
        assertThat(rawGet(Identities.SIMULATOR).statusCode()).isEqualTo(200);
    }

    @Test
    void informersAreRecordedAsListThenWatchAndTheRecordingIsWrittenAsTsv() {
        create(TeamChart.deployment("checkout", "blue", "r/checkout:1", 1));
        KubernetesClient router = server.client(Identities.TRAFFIC_ROUTER);
        SharedIndexInformer<Deployment> informer = router.apps().deployments().inNamespace(NS).inform();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> server.calls().calls(Identities.TRAFFIC_ROUTER).stream()
                    .anyMatch(c -> c.verb().equals("watch")));
        } finally {
            informer.close();
        }
        assertThat(server.calls().calls(Identities.TRAFFIC_ROUTER)).extracting(ApiCall::verb, ApiCall::apiGroup,
                ApiCall::resource, ApiCall::namespace).startsWith(org.assertj.core.groups.Tuple.tuple("list", "apps",
                "deployments", NS), org.assertj.core.groups.Tuple.tuple("watch", "apps", "deployments", NS));
        assertThat(server.calls().calls(Identities.TRAFFIC_ROUTER)).filteredOn(c -> c.verb().equals("watch"))
                .extracting(ApiCall::code).as("a WebSocket upgrade").containsOnly(101);

        Path tsv = dir.resolve("calls/out.tsv");
        server.calls().writeTsv(tsv);
        assertThat(ApiCallLog.readTsv(tsv)).isEqualTo(server.calls().calls());
        assertThat(ApiCallLog.readTsv(tsv)).extracting(ApiCall::identity).contains(Identities.TEST, Identities.TRAFFIC_ROUTER);
    }

    private HttpResponse<String> rawGet(String identity) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/apis/apps/v1/namespaces/default/deployments/checkout-blue"))
                .header("Authorization", "Bearer " + identity).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Deployment create(Deployment deployment) {
        return client.apps().deployments().inNamespace(NS).resource(deployment).create();
    }

    private Deployment get(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

}
