package io.switchback.checks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering the design asks for, enforced by the build. */
class LayeringTest {

    private static final List<String> SERVICES = List.of(
            "io.switchback.buildlistener..", "io.switchback.deployer..",
            "io.switchback.healthmonitor..", "io.switchback.rollbackcontroller..", "io.switchback.console..",
            "io.switchback.cli..");

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.switchback");

    @Test
    void theContractDependsOnNoSpringAndNoService() {
        noClasses().that().resideInAPackage("io.switchback.events..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.switchback.platform..",
                        "io.switchback.testkit..", "io.switchback.buildlistener..", "io.switchback.deployer..",
                        "io.switchback.healthmonitor..", "io.switchback.rollbackcontroller..", "io.switchback.console..")
                .because("events/ is the public contract, readable by any consumer without Spring")
                .check(PRODUCTION);
    }

    @Test
    void noServiceImportsAnotherService() {
        for (String service : SERVICES) {
            String[] others = SERVICES.stream().filter(s -> !s.equals(service)).toArray(String[]::new);
            noClasses().that().resideInAPackage(service)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("services talk only over Kafka")
                    .check(PRODUCTION);
        }
    }

    @Test
    void nothingButTheSandboxKnowsTheSimulatedCluster() {
        noClasses().that().resideOutsideOfPackage("io.switchback.sandbox..")
                .and().resideInAPackage("io.switchback..")
                .should().dependOnClassesThat().resideInAPackage("io.switchback.sandbox..")
                .because("services must reach the sandbox only as they reach a real cluster: through the API")
                .check(PRODUCTION);
    }

    @Test
    void thePlatformAndProductionCodeStayClearOfServicesAndTestInfrastructure() {
        noClasses().that().resideInAPackage("io.switchback.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES.toArray(String[]::new))
                .check(PRODUCTION);
        noClasses().that().resideInAnyPackage(Stream.concat(SERVICES.stream(), Stream.of("io.switchback.events..",
                        "io.switchback.platform..", "io.switchback.cluster..")).toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage("io.switchback.testkit..", "io.switchback.mockapi..")
                .because("services reach the simulated API server only as they reach a real one: through a kubeconfig")
                .check(PRODUCTION);
    }

    @Test
    void theClusterModuleServesTheServicesAndKnowsNoneOfThem() {
        noClasses().that().resideInAPackage("io.switchback.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES.toArray(String[]::new))
                .because("cluster/ is what the cluster-facing services share; a service's own classes live in it")
                .check(PRODUCTION);
    }

    @Test
    void noUnitTestUsesAnIntegrationTestsHelpers() throws IOException {
        List<Path> testClasses;
        try (Stream<Path> modules = Files.list(Path.of(".."))) {
            testClasses = modules.map(m -> m.resolve("target/test-classes")).filter(Files::isDirectory).toList();
        }
        JavaClasses tests = new ClassFileImporter().importPaths(testClasses);
        noClasses().that().haveSimpleNameEndingWith("Test")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("IT")
                .because("a unit test runs without I/O; shared fixtures live in a fixture class or testkit")
                .allowEmptyShould(false)
                .check(tests);
    }
}
