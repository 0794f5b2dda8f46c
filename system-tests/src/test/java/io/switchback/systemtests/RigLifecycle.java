package io.switchback.systemtests;

import java.nio.file.Path;
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

    /** Where the system's logs and data go. */
    abstract Path dir();

    /** The instances of each service, in the order they start. */
    abstract Map<String, Integer> instances();

    @BeforeAll
    void start() {
        rig = Rig.start(dir(), instances());
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
