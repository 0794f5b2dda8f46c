package io.switchback.systemtests;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * One system ({@link Rig}) for all the cases of the suite, its classes in turn and their cases in order, each
 * starting from the same ground: three brokers in sync, the instances its class runs of each service ready (and no
 * others), checkout served. The system is started by the first class and stopped when the test run ends: brokers
 * and the simulated cluster are started once, and instances another class also runs are kept. Rows go to the run's
 * one table ({@link Results}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RigLifecycle {

    private static final Path DIR = Path.of("target", "reliability", "system").toAbsolutePath();

    /** Gives each class the run's one system, started with that class's instances if it is the first. */
    @RegisterExtension
    static final TestInstancePostProcessor SHARED_RIG = (Object instance, ExtensionContext context) -> {
        RigLifecycle cases = (RigLifecycle) instance;
        // a value of the root store that is AutoCloseable is closed when the whole run ends
        cases.rig = context.getRoot().getStore(ExtensionContext.Namespace.create(Rig.class))
                .computeIfAbsent(Rig.class, type -> Rig.start(DIR, cases.instances), Rig.class);
    };

    protected final Results results = Results.SHARED;
    protected Rig rig;
    private final Map<String, Integer> instances;

    /** @param instances the instances of each service its cases run, in the order they start */
    RigLifecycle(List<Map.Entry<String, Integer>> instances) {
        this.instances = new LinkedHashMap<>();
        instances.forEach(service -> this.instances.put(service.getKey(), service.getValue()));
    }

    @BeforeEach
    void healthy() {
        rig.restoreAll(instances);
    }
}
