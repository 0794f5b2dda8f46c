package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.switchback.mockapi.Identities;
import io.switchback.mockapi.MockApiServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC against the calls the services really make: every Kubernetes API call each service was
 * recorded making in the reactor's integration tests (the mock API server sees them all, under the service
 * account's name) must be granted by that service's rendered Role or ClusterRole, and every grant must be
 * used by some recorded call. The recordings come from the modules built before this one: run the whole
 * {@code ./mvnw verify}.
 */
class ChartRbacFromCallsIT {

    private static final List<String> SERVICES = List.of(Identities.DEPLOYER, Identities.HEALTH_MONITOR,
            Identities.ROLLBACK_CONTROLLER);

    /**
     * Grants that code needs on a path no recorded test reaches yet, each with where: reported once a recorded
     * call uses it, so that this list only shrinks.
     */
    private static final Map<String, Set<String>> NOT_YET_RECORDED = Map.of();

    static Map<String, List<RbacComparison.Recorded>> recorded;

    @BeforeAll
    static void readRecordings() {
        recorded = RecordedCalls.byIdentity(RepositoryFiles.root());
        for (String service : SERVICES) {
            if (recorded.getOrDefault(service, List.of()).isEmpty()) {
                fail("no recorded API calls of %s in %s (found %s): run ./mvnw verify from the repository root, so "
                        + "that the services' and the sandbox's integration tests record them before the delivery checks",
                        service, RecordedCalls.GLOB, RecordedCalls.files(RepositoryFiles.root()).size() + " files");
            }
        }
    }

    @Test
    void theNamespacedRolesGrantExactlyWhatTheRecordedCallsNeed() {
        // the Roles in the namespace the recordings used, which stands for the applications' namespace
        RenderedChart chart = RenderedChart.render(command -> command.set("rbac.namespaces[0]", MockApiServer.NAMESPACE));

        assertNothingFound(SERVICES.stream().map(service -> RbacComparison.compare(service,
                RbacComparison.Roles.namespaced(service, chart.all(Role.class).stream()
                        .filter(r -> r.getMetadata().getName().equals(service))
                        .collect(Collectors.toMap(r -> r.getMetadata().getNamespace(), Role::getRules))),
                recorded.get(service), NOT_YET_RECORDED.getOrDefault(service, Set.of()))).toList());
    }

    @Test
    void theClusterRolesOfProductionGrantExactlyWhatTheRecordedCallsNeed() {
        RenderedChart chart = RenderedChart.render(command -> command.withValuesFile(
                RepositoryFiles.resolve("charts/switchback/values-production.yaml")));

        assertNothingFound(SERVICES.stream().map(service -> {
            String name = RenderedChart.NAMESPACE + "-" + service;
            return RbacComparison.compare(service, RbacComparison.Roles.clusterWide(name,
                    chart.named(ClusterRole.class, name).getRules()), recorded.get(service),
                    NOT_YET_RECORDED.getOrDefault(service, Set.of()));
        }).toList());
    }

    private static void assertNothingFound(List<RbacComparison.Findings> findings) {
        String report = findings.stream().filter(f -> !f.none()).map(RbacComparison.Findings::toString)
                .collect(Collectors.joining("\n"));
        assertThat(report).as("the chart's RBAC against the recorded calls (docs/development.md: reading an RBAC "
                + "failure)").isEmpty();
    }
}
