package io.switchback.systemtests;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One system ({@link Rig}) for all the cases of a class, in order, each starting from the same ground: three brokers
 * in sync, every service's instances ready, checkout served. Rows go to the run's one table ({@link Results}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RigLifecycle {

    protected final Results results = Results.SHARED;
    protected Rig rig;
    private final Path dir;
    private final Map<String, Integer> instances;

    /**
     * @param name      the system's, naming where its logs and data go ({@code target/reliability/<name>})
     * @param instances the instances of each service, in the order they start
     */
    RigLifecycle(String name, List<Map.Entry<String, Integer>> instances) {
        this.dir = Path.of("target", "reliability", name).toAbsolutePath();
        this.instances = new LinkedHashMap<>();
        instances.forEach(service -> this.instances.put(service.getKey(), service.getValue()));
    }

    @BeforeAll
    void start() {
        rig = Rig.start(dir, instances);
    }

    @AfterAll
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @BeforeEach
    void healthy() {
        rig.restoreAll();
    }
}
