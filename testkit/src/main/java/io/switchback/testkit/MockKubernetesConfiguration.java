package io.switchback.testkit;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The mock API server as a Spring test context's cluster. The service under test gets, as its
 * {@code KubernetesClient}, the client of its own identity: {@value #IDENTITY_PROPERTY} when set, otherwise
 * {@code switchback-<spring.application.name>}, the service account the chart gives it. The test's own
 * client (identity {@code test}) is the bean qualified {@value #TEST_CLIENT}. Import it together with
 * {@link MockKubernetes} on the test class, which records the calls.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MockKubernetesConfiguration {

    public static final String IDENTITY_PROPERTY = "switchback.test.kubernetes-identity";
    public static final String TEST_CLIENT = "testKubernetesClient";

    @Bean(destroyMethod = "close")
    MockApiServer mockApiServer() {
        try {
            return MockApiServer.start(Files.createTempDirectory("mock-api-server"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's client; the server closes it. */
    @Bean(destroyMethod = "")
    @Primary
    KubernetesClient kubernetesClient(MockApiServer server, Environment environment) {
        String identity = environment.getProperty(IDENTITY_PROPERTY);
        if (identity == null) {
            identity = "switchback-" + environment.getRequiredProperty("spring.application.name");
        }
        return server.client(identity);
    }

    @Bean(name = TEST_CLIENT, destroyMethod = "")
    @Qualifier(TEST_CLIENT)
    KubernetesClient testKubernetesClient(MockApiServer server) {
        return server.client(Identities.TEST);
    }
}
