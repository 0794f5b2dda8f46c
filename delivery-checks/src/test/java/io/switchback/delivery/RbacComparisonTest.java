package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.switchback.mockapi.ApiCall;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The comparison itself, on rules as the chart renders them and calls as the mock API server records them. */
class RbacComparisonTest {

    private static final String DEPLOYER = "switchback-deployer";
    private static final List<RbacComparison.Recorded> CALLS = List.of(
            recorded("GET", "/api/v1/namespaces/default/pods?labelSelector=app%3Dcheckout", 1),
            recorded("PATCH", "/apis/apps/v1/namespaces/default/deployments/checkout-green/scale", 2),
            recorded("GET", "/apis/apps/v1/namespaces/default/deployments/checkout-green", 3));

    @Test
    void rulesThatGrantEveryCallAndNothingElsePass() {
        RbacComparison.Findings findings = RbacComparison.compare(DEPLOYER, role(pods("list"), scale("patch"),
                deployments("get")), CALLS);

        assertThat(findings.none()).as(findings.toString()).isTrue();
    }

    @Test
    void aNeededGrantRemovedFromTheRoleIsNamedWithTheCallAndWhereItWasRecorded() {
        RbacComparison.Findings findings = RbacComparison.compare(DEPLOYER, role(pods("list"), deployments("get")),
                CALLS);

        assertThat(findings.ungranted()).singleElement().asString()
                .contains("switchback-deployer: patch deployments/scale (group \"apps\") in namespace default")
                .contains("not granted by Role switchback-deployer")
                .contains("first at sandbox/target/api-calls/LoopIT.tsv:2")
                .contains("PATCH /apis/apps/v1/namespaces/default/deployments/checkout-green/scale");
        assertThat(findings.unused()).isEmpty();
    }

    @Test
    void aGrantNoCallUsesIsNamed() {
        RbacComparison.Findings findings = RbacComparison.compare(DEPLOYER, role(pods("list"), scale("patch"),
                deployments("get"), new PolicyRuleBuilder().withApiGroups("", "events.k8s.io").withResources("events")
                        .withVerbs("create").build()), CALLS);

        assertThat(findings.ungranted()).isEmpty();
        assertThat(findings.unused()).containsExactly(
                "switchback-deployer: Role switchback-deployer grants create /events, which no recorded call uses",
                "switchback-deployer: Role switchback-deployer grants create events.k8s.io/events, which no recorded "
                        + "call uses");
    }

    @Test
    void aGrantListedAsNotYetRecordedIsNotUnusedUntilACallUsesIt() {
        RbacComparison.Roles roles = role(pods("list"), scale("patch", "update"), deployments("get"));

        assertThat(RbacComparison.compare(DEPLOYER, roles, CALLS, Set.of("update apps/deployments/scale")).none())
                .isTrue();
        assertThat(RbacComparison.compare(DEPLOYER, roles, CALLS, Set.of("update apps/deployments/scale",
                "patch apps/deployments/scale")).unused()).singleElement().asString()
                .contains("patch apps/deployments/scale is listed as not yet recorded, but a recorded call uses it");
    }

    @Test
    void aRoleGrantsOnlyInItsNamespaceAClusterRoleEverywhere() {
        List<RbacComparison.Recorded> anyNamespace = List.of(recorded("GET", "/apis/apps/v1/deployments?watch=true", 7));
        RbacComparison.Roles namespaced = role(deployments("watch"));
        RbacComparison.Roles clusterWide = RbacComparison.Roles.clusterWide("switchback-system-switchback-deployer",
                List.of(deployments("watch")));

        assertThat(RbacComparison.compare(DEPLOYER, namespaced, anyNamespace).ungranted()).singleElement().asString()
                .contains("watch deployments (group \"apps\") across all namespaces or cluster-scoped");
        assertThat(RbacComparison.compare(DEPLOYER, clusterWide, anyNamespace).none()).isTrue();
        assertThat(RbacComparison.granted(clusterWide, ApiCall.of("Bearer " + DEPLOYER, "GET", "/version", 200,
                Instant.EPOCH))).as("a non-resource path is never granted by resource rules").isFalse();
    }

    private static RbacComparison.Roles role(PolicyRule... rules) {
        return RbacComparison.Roles.namespaced(DEPLOYER, Map.of("default", List.of(rules)));
    }

    private static PolicyRule pods(String... verbs) {
        return new PolicyRuleBuilder().withApiGroups("").withResources("pods").withVerbs(verbs).build();
    }

    private static PolicyRule deployments(String... verbs) {
        return new PolicyRuleBuilder().withApiGroups("apps").withResources("deployments").withVerbs(verbs).build();
    }

    private static PolicyRule scale(String... verbs) {
        return new PolicyRuleBuilder().withApiGroups("apps").withResources("deployments/scale").withVerbs(verbs).build();
    }

    private static RbacComparison.Recorded recorded(String method, String target, int line) {
        return new RbacComparison.Recorded(ApiCall.of("Bearer " + DEPLOYER, method, target, 200,
                Instant.parse("2026-01-01T00:00:00Z")), "sandbox/target/api-calls/LoopIT.tsv:" + line);
    }
}
