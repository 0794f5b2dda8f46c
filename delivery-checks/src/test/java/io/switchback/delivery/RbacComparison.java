package io.switchback.delivery;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.switchback.mockapi.ApiCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chart's RBAC for one service against the API calls that service was recorded making: every call must
 * be granted, and every grant must be used by some call. Pure: the rules and calls come in, findings go out.
 */
final class RbacComparison {

    /** A call and where it was recorded ({@code file:line}). */
    record Recorded(ApiCall call, String where) {
    }

    /** One service's rendered roles: the rules of each namespaced Role by namespace, or of one ClusterRole. */
    record Roles(String kind, String name, Map<String, List<PolicyRule>> byNamespace, List<PolicyRule> clusterWide) {

        static Roles namespaced(String name, Map<String, List<PolicyRule>> byNamespace) {
            return new Roles("Role", name, byNamespace, List.of());
        }

        static Roles clusterWide(String name, List<PolicyRule> rules) {
            return new Roles("ClusterRole", name, Map.of(), rules);
        }
    }

    /** Calls no rule grants, and grants no call uses; both empty when the RBAC is exactly what the code needs. */
    record Findings(List<String> ungranted, List<String> unused) {

        boolean none() {
            return ungranted.isEmpty() && unused.isEmpty();
        }

        @Override
        public String toString() {
            return String.join("\n", ungranted) + (ungranted.isEmpty() || unused.isEmpty() ? "" : "\n")
                    + String.join("\n", unused);
        }
    }

    private RbacComparison() {
    }

    static Findings compare(String identity, Roles roles, List<Recorded> calls) {
        return compare(identity, roles, calls, Set.of());
    }

    /**
     * As above, with grants known to be needed by code that no recorded test reaches yet ({@code "verb
     * group/resource"}, e.g. {@code "update apps/deployments/scale"}): not reported unused, but reported
     * once a recorded call uses them, so that the list only ever shrinks.
     */
    static Findings compare(String identity, Roles roles, List<Recorded> calls, Set<String> notYetRecorded) {
        List<String> unused = new ArrayList<>();
        for (String grant : unusedGrants(roles, calls)) {
            if (!notYetRecorded.contains(grant)) {
                unused.add(identity + ": " + roles.kind() + " " + roles.name() + " grants " + grant
                        + ", which no recorded call uses");
            }
        }
        for (String listed : notYetRecorded) {
            if (calls.stream().map(Recorded::call).anyMatch(c -> key(c).equals(listed))) {
                unused.add(identity + ": " + listed + " is listed as not yet recorded, but a recorded call uses it "
                        + "now: take it off the list");
            }
        }
        return new Findings(ungranted(identity, roles, calls), unused);
    }

    private static String key(ApiCall call) {
        return call.verb() + " " + call.apiGroup() + "/" + call.rbacResource();
    }

    private static List<String> ungranted(String identity, Roles roles, List<Recorded> calls) {
        Map<String, List<Recorded>> byNeed = new LinkedHashMap<>();
        for (Recorded recorded : calls) {
            if (!granted(roles, recorded.call())) {
                byNeed.computeIfAbsent(need(recorded.call()), k -> new ArrayList<>()).add(recorded);
            }
        }
        List<String> findings = new ArrayList<>();
        byNeed.forEach((need, where) -> findings.add("%s: %s is not granted by %s %s; recorded %d time(s), first at %s (%s %s)"
                .formatted(identity, need, roles.kind(), roles.name(), where.size(), where.get(0).where(),
                        where.get(0).call().method(), where.get(0).call().path())));
        return findings;
    }

    /** Each granted "verb group/resource" that no call uses (per namespace for Roles). */
    private static Set<String> unusedGrants(Roles roles, List<Recorded> calls) {
        Set<String> unused = new LinkedHashSet<>();
        Map<String, List<PolicyRule>> scopes = new LinkedHashMap<>(roles.byNamespace());
        if (!roles.clusterWide().isEmpty()) {
            scopes.put(null, roles.clusterWide());
        }
        scopes.forEach((namespace, rules) -> {
            for (PolicyRule rule : rules) {
                for (String group : rule.getApiGroups()) {
                    for (String resource : rule.getResources()) {
                        for (String verb : rule.getVerbs()) {
                            String grant = verb + " " + group + "/" + resource;
                            if (calls.stream().map(Recorded::call).noneMatch(c -> key(c).equals(grant)
                                    && (namespace == null || namespace.equals(c.namespace())))) {
                                unused.add(grant);
                            }
                        }
                    }
                }
            }
        });
        return unused;
    }

    static boolean granted(Roles roles, ApiCall call) {
        if (call.resource() == null) {
            return false;
        }
        if (roles.clusterWide().stream().anyMatch(rule -> grants(rule, call))) {
            return true;
        }
        return call.namespace() != null
                && roles.byNamespace().getOrDefault(call.namespace(), List.of()).stream().anyMatch(rule -> grants(rule, call));
    }

    private static boolean grants(PolicyRule rule, ApiCall call) {
        return matches(rule.getApiGroups(), call.apiGroup()) && matches(rule.getResources(), call.rbacResource())
                && matches(rule.getVerbs(), call.verb())
                && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                        || rule.getResourceNames().contains(call.name()));
    }

    private static boolean matches(List<String> allowed, String value) {
        return allowed != null && (allowed.contains(value) || allowed.contains("*"));
    }

    /** What a call needs, as a person reads RBAC: verb, resource, group, where. */
    static String need(ApiCall call) {
        if (call.resource() == null) {
            return call.verb() + " on the non-resource path " + call.path();
        }
        return "%s %s (group \"%s\") %s".formatted(call.verb(), call.rbacResource(), call.apiGroup(),
                call.namespace() == null ? "across all namespaces or cluster-scoped" : "in namespace " + call.namespace());
    }
}
