package io.switchback.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a {@link io.switchback.mockapi.MockApiServer} and writes every API call made
 * while the class ran to {@code target/api-calls/<TestClass>.tsv} of its module, where the delivery checks
 * compare them with the chart's RBAC.
 * <ul>
 *   <li>A Spring test also imports {@link MockKubernetesConfiguration}: the server is the context's bean, the
 *       service under test gets its own identity's client as its {@code KubernetesClient}.</li>
 *   <li>Any other test gets a server of its own for the class, emptied before each test method.</li>
 * </ul>
 * Test methods (and constructors) may declare a {@code MockApiServer} parameter, and a
 * {@code KubernetesClient} parameter: the {@code test} identity's client, for seeding and looking.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MockKubernetesExtension.class)
public @interface MockKubernetes {
}
