package io.switchback.testkit;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.mockapi.ApiCall;
import io.switchback.mockapi.ApiCallLog;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** See {@link MockKubernetes}. */
public final class MockKubernetesExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback,
        ParameterResolver {

    /** Where a module's recordings go, relative to the module (the tests' working directory). */
    public static final Path RECORDINGS = Path.of("target", "api-calls");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MockKubernetesExtension.class);

    /** The server of one test class, and how many calls it had answered before the class started. */
    private record Recording(MockApiServer server, int before, boolean owned) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        recording(context);
    }

    /** A test class with a server of its own starts each test from an empty cluster. */
    @Override
    public void beforeEach(ExtensionContext context) {
        Recording recording = recording(context);
        if (recording.owned()) {
            recording.server().reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Recording recording = recording(context);
        List<ApiCall> calls = recording.server().calls().calls();
        ApiCallLog.writeTsv(calls.subList(Math.min(recording.before(), calls.size()), calls.size()),
                RECORDINGS.resolve(context.getRequiredTestClass().getSimpleName() + ".tsv"));
        if (recording.owned()) {
            recording.server().close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MockApiServer.class || type == KubernetesClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        MockApiServer server = recording(context).server();
        return parameter.getParameter().getType() == MockApiServer.class ? server : server.client(Identities.TEST);
    }

    private static Recording recording(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Recording.class, key -> start(classContext),
                Recording.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    private static Recording start(ExtensionContext context) {
        if (isSpringTest(context.getRequiredTestClass())) {
            MockApiServer server = SpringExtension.getApplicationContext(context).getBean(MockApiServer.class);
            return new Recording(server, server.calls().calls().size(), false);
        }
        try {
            return new Recording(MockApiServer.start(Files.createTempDirectory("mock-api-server")), 0, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isSpringTest(Class<?> testClass) {
        return AnnotationSupport.findRepeatableAnnotations(testClass, ExtendWith.class).stream()
                .anyMatch(e -> List.of(e.value()).contains(SpringExtension.class));
    }
}
