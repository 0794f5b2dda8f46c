package io.switchback.mockapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The RBAC view of a request: verb, group, resource, subresource, namespace, name. */
class ApiCallTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void collectionsAreListedNamedObjectsAreGotAndWatchesAreWatches() {
        assertThat(call("GET", "/api/v1/namespaces/default/pods?labelSelector=app%3Dcheckout"))
                .isEqualTo(expected("list", "", "pods", null, "default", null));
        assertThat(call("GET", "/apis/apps/v1/namespaces/shop/deployments/checkout-blue"))
                .isEqualTo(expected("get", "apps", "deployments", null, "shop", "checkout-blue"));
        assertThat(call("GET", "/apis/apps/v1/deployments?allowWatchBookmarks=true&watch=true&resourceVersion=5"))
                .isEqualTo(expected("watch", "apps", "deployments", null, null, null));
        assertThat(call("GET", "/api/v1/namespaces/default/services?fieldSelector=metadata.name%3Dcheckout&watch=true"))
                .isEqualTo(expected("watch", "", "services", null, "default", null));
    }

    @Test
    void writesMapToTheirVerbsAndSubresourcesAreKept() {
        assertThat(call("POST", "/apis/apps/v1/namespaces/default/deployments"))
                .isEqualTo(expected("create", "apps", "deployments", null, "default", null));
        assertThat(call("PUT", "/apis/apps/v1/namespaces/default/deployments/checkout-blue/scale"))
                .isEqualTo(expected("update", "apps", "deployments", "scale", "default", "checkout-blue"));
        assertThat(call("PATCH", "/api/v1/namespaces/default/pods/p-1/status"))
                .isEqualTo(expected("patch", "", "pods", "status", "default", "p-1"));
        assertThat(call("DELETE", "/api/v1/namespaces/default/pods/p-1"))
                .isEqualTo(expected("delete", "", "pods", null, "default", "p-1"));
        assertThat(call("DELETE", "/api/v1/namespaces/default/pods"))
                .isEqualTo(expected("deletecollection", "", "pods", null, "default", null));
        assertThat(call("POST", "/apis/events.k8s.io/v1/namespaces/shop/events"))
                .isEqualTo(expected("create", "events.k8s.io", "events", null, "shop", null));
        assertThat(call("PATCH", "/apis/apps/v1/namespaces/default/deployments/checkout-blue/scale").rbacResource())
                .isEqualTo("deployments/scale");
    }

    @Test
    void aNamespaceIsAClusterScopedObjectAndOtherPathsAreNoResource() {
        assertThat(call("GET", "/api/v1/namespaces/default"))
                .isEqualTo(expected("get", "", "namespaces", null, null, "default"));
        ApiCall version = call("GET", "/version");
        assertThat(version.resource()).isNull();
        assertThat(version.verb()).isEqualTo("get");
        assertThat(call("GET", "/apis").resource()).isNull();
    }

    @Test
    void theIdentityIsTheBearerToken() {
        assertThat(ApiCall.of("Bearer switchback-deployer", "GET", "/api/v1/pods", 200, AT).identity())
                .isEqualTo("switchback-deployer");
        assertThat(ApiCall.of(null, "GET", "/api/v1/pods", 200, AT).identity()).isEqualTo(ApiCall.ANONYMOUS);
        assertThat(ApiCall.of("Basic dTpw", "GET", "/api/v1/pods", 200, AT).identity()).isEqualTo(ApiCall.ANONYMOUS);
        assertThat(ApiCall.of("Bearer ", "GET", "/api/v1/pods", 200, AT).identity()).isEqualTo(ApiCall.ANONYMOUS);
    }

    @Test
    void aTsvLineIsIdentityFirstAndReadsBack() {
        ApiCall scale = ApiCall.of("Bearer switchback-rollback-controller", "PATCH",
                "/apis/apps/v1/namespaces/default/deployments/checkout-green/scale", 200, AT);
        assertThat(scale.tsv()).isEqualTo("switchback-rollback-controller\tpatch\tapps\tdeployments\tscale\tdefault\t"
                + "checkout-green\t200\tPATCH\t/apis/apps/v1/namespaces/default/deployments/checkout-green/scale\t" + AT);
        assertThat(ApiCall.fromTsv(scale.tsv())).isEqualTo(scale);
        ApiCall list = ApiCall.of("Bearer test", "GET", "/api/v1/pods", 503, AT);
        assertThat(ApiCall.fromTsv(list.tsv())).isEqualTo(list);
        assertThatThrownBy(() -> ApiCall.fromTsv("test\tget")).hasMessageContaining("11 tab-separated fields, this has 2");
    }

    @Test
    void theLogKeepsEveryNewKindPastItsLimit() {
        ApiCallLog log = new ApiCallLog(2);
        log.add(call("GET", "/api/v1/pods"));
        log.add(call("GET", "/api/v1/pods"));
        log.add(call("GET", "/api/v1/pods"));
        log.add(call("PATCH", "/api/v1/namespaces/default/pods/p/status"));

        assertThat(log.calls()).extracting(ApiCall::verb).containsExactly("list", "list", "patch");
        assertThat(log.dropped()).isOne();
        assertThat(log.calls("test")).hasSize(3);
        assertThat(log.calls("someone-else")).isEmpty();
        assertThatThrownBy(() -> new ApiCallLog(0)).hasMessageContaining("at least 1");
    }

    private static ApiCall call(String method, String target) {
        return ApiCall.of("Bearer test", method, target, 200, AT);
    }

    private static ApiCall expected(String verb, String group, String resource, String subresource, String namespace,
            String name) {
        return new ApiCall("test", verbMethod(verb), verb, group, resource, subresource, namespace, name, 200,
                pathOf(group, resource, subresource, namespace, name), AT);
    }

    private static String verbMethod(String verb) {
        return switch (verb) {
            case "create" -> "POST";
            case "update" -> "PUT";
            case "patch" -> "PATCH";
            case "delete", "deletecollection" -> "DELETE";
            default -> "GET";
        };
    }

    private static String pathOf(String group, String resource, String subresource, String namespace, String name) {
        StringBuilder path = new StringBuilder(group.isEmpty() ? "/api/v1" : "/apis/" + group + "/v1");
        if (namespace != null) {
            path.append("/namespaces/").append(namespace);
        }
        path.append('/').append(resource);
        if (name != null) {
            path.append('/').append(name);
        }
        if (subresource != null) {
            path.append('/').append(subresource);
        }
        return path.toString();
    }
}
