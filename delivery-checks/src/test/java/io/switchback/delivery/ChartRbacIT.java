package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Least privilege per service, on the rendered Roles and ClusterRoles (what the code needs: ChartRbacFromCallsIT). */
class ChartRbacIT {

    private static final Set<String> FORBIDDEN_VERBS = Set.of("delete", "deletecollection", "escalate", "bind",
            "impersonate", "*");

    /** What each service may do: "apiGroup/resource" to verbs. */
    private static final Map<String, Map<String, Set<String>>> EXPECTED = Map.of(
            "switchback-deployer", Map.of(
                    "apps/deployments", Set.of("get", "list", "watch", "create", "update", "patch"),
                    "/pods", Set.of("list"),
                    "/services", Set.of("get", "list", "watch", "patch"),
                    "/configmaps", Set.of("get"),
                    "batch/jobs", Set.of("get", "create"),
                    "events.k8s.io/events", Set.of("create")),
            "switchback-health-monitor", Map.of(
                    "/pods", Set.of("list", "watch"),
                    "/services", Set.of("list", "watch"),
                    "apps/deployments", Set.of("list", "watch")),
            "switchback-rollback-controller", Map.of(
                    "/services", Set.of("get", "list", "patch"),
                    "apps/deployments", Set.of("get", "list", "watch", "update", "patch"),
                    "/configmaps", Set.of("get"),
                    "batch/jobs", Set.of("get", "list", "create", "patch"),
                    "events.k8s.io/events", Set.of("create")));

    @Test
    void namespacedRolesGrantEachServiceExactlyWhatItNeeds() {
        RenderedChart chart = RenderedChart.render(command -> command);

        assertThat(chart.all(ClusterRole.class)).isEmpty();
        for (var expected : EXPECTED.entrySet()) {
            Role role = chart.named(Role.class, expected.getKey());
            assertThat(role.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
            assertThat(grants(role.getRules())).as(expected.getKey()).isEqualTo(new TreeMap<>(expected.getValue()));
            RoleBinding binding = chart.named(RoleBinding.class, expected.getKey());
            assertThat(binding.getRoleRef().getName()).isEqualTo(expected.getKey());
            assertBoundTo(binding.getSubjects(), expected.getKey());
        }
        assertThat(chart.all(Role.class)).extracting(r -> r.getMetadata().getName())
                .as("the build-listener and the console have no Kubernetes access")
                .doesNotContain("switchback-build-listener", "switchback-console");
    }

    @Test
    void rolesFollowTheApplicationNamespaces() {
        RenderedChart chart = RenderedChart.render(command -> command
                .set("rbac.namespaces[0]", "shop").set("rbac.namespaces[1]", "payments"));

        assertThat(chart.all(Role.class)).extracting(r -> r.getMetadata().getNamespace())
                .containsOnly("shop", "payments").hasSize(6);
        assertThat(chart.all(RoleBinding.class)).allSatisfy(binding -> assertThat(binding.getSubjects())
                .allSatisfy(s -> assertThat(s.getNamespace()).isEqualTo(RenderedChart.NAMESPACE)));
    }

    @Test
    void clusterWideRolesGrantTheSameRules() {
        RenderedChart chart = RenderedChart.render(command -> command.withValuesFile(
                RepositoryFiles.resolve("charts/switchback/values-production.yaml")));

        assertThat(chart.all(Role.class)).isEmpty();
        for (var expected : EXPECTED.entrySet()) {
            String name = RenderedChart.NAMESPACE + "-" + expected.getKey();
            ClusterRole role = chart.named(ClusterRole.class, name);
            assertThat(grants(role.getRules())).as(name).isEqualTo(new TreeMap<>(expected.getValue()));
            ClusterRoleBinding binding = chart.named(ClusterRoleBinding.class, name);
            assertThat(binding.getRoleRef().getName()).isEqualTo(name);
            assertBoundTo(binding.getSubjects(), expected.getKey());
        }
    }

    @Test
    void noRuleAnywhereUsesWildcardsSecretsOrDestructiveVerbs() {
        List<HasMetadata> roles = Stream.of(
                        RenderedChart.render(command -> command),
                        RenderedChart.render(command -> command.withValuesFile(
                                RepositoryFiles.resolve("charts/switchback/values-production.yaml"))))
                .flatMap(chart -> Stream.<HasMetadata>concat(chart.all(Role.class).stream(), chart.all(ClusterRole.class).stream()))
                .toList();

        assertThat(roles).hasSize(6);
        for (HasMetadata role : roles) {
            List<PolicyRule> rules = role instanceof Role r ? r.getRules() : ((ClusterRole) role).getRules();
            for (PolicyRule rule : rules) {
                String where = role.getKind() + " " + role.getMetadata().getName();
                assertThat(rule.getApiGroups()).as(where).doesNotContain("*");
                assertThat(rule.getResources()).as(where).doesNotContain("*", "secrets")
                        .noneMatch(resource -> resource.startsWith("secrets/") || resource.endsWith("/*"));
                assertThat(rule.getVerbs()).as(where).doesNotContainAnyElementsOf(FORBIDDEN_VERBS);
                assertThat(rule.getNonResourceURLs()).as(where).isNullOrEmpty();
            }
        }
    }

    @Test
    void everyBoundServiceAccountIsRendered() {
        RenderedChart chart = RenderedChart.render(command -> command);

        assertThat(chart.all(RoleBinding.class)).allSatisfy(binding -> chart.named(ServiceAccount.class,
                binding.getSubjects().get(0).getName()));
    }

    private static void assertBoundTo(List<Subject> subjects, String serviceAccount) {
        assertThat(subjects).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(serviceAccount);
            assertThat(subject.getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        });
    }

    /** Rules flattened to "apiGroup/resource" → verbs, so that equivalent rule layouts compare equal. */
    private static Map<String, Set<String>> grants(List<PolicyRule> rules) {
        Map<String, Set<String>> grants = new TreeMap<>();
        for (PolicyRule rule : rules) {
            assertThat(rule.getResourceNames()).isNullOrEmpty();
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    grants.computeIfAbsent(group + "/" + resource, key -> new TreeSet<>()).addAll(rule.getVerbs());
                }
            }
        }
        return grants;
    }
}
