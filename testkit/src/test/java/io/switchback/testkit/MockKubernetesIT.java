package io.switchback.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.mockapi.ApiCall;
import io.switchback.mockapi.ApiCallLog;
import io.switchback.mockapi.MockApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** The fixture as a test class sees it, and the recording it leaves in {@code target/api-calls}. */
class MockKubernetesIT {

    /** Not a Switchback service: the delivery checks read every recording, and these calls are no service's. */
    private static final String DEMO = "switchback-demo";

    @Test
    void aPlainTestClassGetsItsOwnServerAndItsCallsAreWrittenAtItsEnd() throws Exception {
        Path file = MockKubernetesExtension.RECORDINGS.resolve("PlainFixture.tsv");
        Files.deleteIfExists(file);

        run(PlainFixture.class, 2);

        List<ApiCall> calls = ApiCallLog.readTsv(file);
        assertThat(calls.subList(0, 4)).extracting(ApiCall::identity, ApiCall::verb, ApiCall::resource, ApiCall::subresource)
                .containsExactly(
                        tuple("test", "create", "pods", null),
                        tuple("test", "get", "pods", null),
                        tuple("test", "patch", "pods", "status"),
                        tuple(DEMO, "list", "pods", null));
        assertThat(calls).as("each test started from an empty cluster").hasSize(8)
                .filteredOn(c -> c.verb().equals("create")).extracting(ApiCall::code).containsExactly(201, 201);
    }

    @Test
    void aSpringServiceGetsItsOwnIdentitysClientAndTheTestItsOwn() throws Exception {
        Path file = MockKubernetesExtension.RECORDINGS.resolve("SpringFixture.tsv");
        Files.deleteIfExists(file);

        run(SpringFixture.class, 1);

        assertThat(ApiCallLog.readTsv(file)).extracting(ApiCall::identity, ApiCall::verb)
                .containsExactly(tuple("test", "create"), tuple(DEMO, "list"));
    }

    private static SummaryGeneratingListener run(Class<?> fixture, int tests) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(),
                listener);
        listener.getSummary().getFailures().forEach(f -> f.getException().printStackTrace());
        assertThat(listener.getSummary().getTestsSucceededCount()).as(fixture.getSimpleName() + " passed").isEqualTo(tests);
        return listener;
    }

    @MockKubernetes
    static class PlainFixture {

        @Test
        void seedsAndLooks(MockApiServer server, KubernetesClient client) {
            seedAndLook(server, client);
        }

        @Test
        void seedsTheSameAgain(MockApiServer server, KubernetesClient client) {
            seedAndLook(server, client);
        }

        private static void seedAndLook(MockApiServer server, KubernetesClient client) {
            Pod pod = RunningPods.create(client, MockApiServer.NAMESPACE, "checkout-blue-1",
                    Map.of("app", "checkout", "color", "blue"), 8080, true);
            assertThat(pod.getStatus().getConditions()).singleElement()
                    .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
            assertThat(server.client(DEMO).pods().inNamespace(MockApiServer.NAMESPACE).list()
                    .getItems()).singleElement().satisfies(p -> assertThat(p.getStatus().getPodIP()).isEqualTo("127.0.0.1"));
        }
    }

    @MockKubernetes
    @SpringJUnitConfig(MockKubernetesConfiguration.class)
    @TestPropertySource(properties = "spring.application.name=demo")
    static class SpringFixture {

        @Autowired
        KubernetesClient service;
        @Autowired
        @Qualifier(MockKubernetesConfiguration.TEST_CLIENT)
        KubernetesClient test;

        @Test
        void theServiceAndTheTestCallAsThemselves() {
            test.services().inNamespace(MockApiServer.NAMESPACE).resource(
                    io.switchback.mockapi.TeamChart.service("checkout", "blue")).create();
            assertThat(service.services().inNamespace(MockApiServer.NAMESPACE).list().getItems()).hasSize(1);
        }
    }
}
