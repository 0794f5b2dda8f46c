package io.switchback.mockapi;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One request the simulated API server answered, and what Kubernetes RBAC would have to grant for it.
 * A request to a path that names no resource ({@code /version}, {@code /apis}) has a null resource.
 *
 * @param identity    who called: the bearer token, {@code anonymous} without one
 * @param method      the HTTP method
 * @param verb        the RBAC verb: get, list, watch, create, update, patch, delete, deletecollection
 * @param apiGroup    the API group, empty for the core group
 * @param resource    the resource, e.g. {@code deployments}; null for a non-resource path
 * @param subresource e.g. {@code status} or {@code scale}; null when none
 * @param namespace   null for a cluster-scoped or all-namespaces request
 * @param name        null for a collection request
 * @param code        the HTTP status the server answered; 101 for a watch (a WebSocket upgrade)
 * @param path        the request path without its query
 * @param at          when it was answered
 */
public record ApiCall(String identity, String method, String verb, String apiGroup, String resource,
        String subresource, String namespace, String name, int code, String path, Instant at) {

    public static final String ANONYMOUS = "anonymous";
    private static final String BEARER = "bearer ";
    private static final int TSV_FIELDS = 11;

    /** The call as RBAC sees it, from the request line, the Authorization header and the answer. */
    public static ApiCall of(String authorization, String method, String target, int code, Instant at) {
        URI uri = URI.create(target);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        List<String> segments = List.of(path.replaceAll("^/+|/+$", "").split("/"));
        String upper = method.toUpperCase(Locale.ROOT);
        Target t = target(segments);
        if (t == null) {
            return new ApiCall(identity(authorization), upper, "get", "", null, null, null, null, code, path, at);
        }
        return new ApiCall(identity(authorization), upper, verb(upper, t.name() != null, query), t.group(),
                t.resource(), t.subresource(), t.namespace(), t.name(), code, path, at);
    }

    /** The identity a bearer token names; tokens here are the identities themselves. */
    static String identity(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return ANONYMOUS;
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? ANONYMOUS : token;
    }

    private static String verb(String method, boolean named, String query) {
        return switch (method) {
            case "GET", "HEAD" -> watch(query) ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(Locale.ROOT);
        };
    }

    private static boolean watch(String query) {
        return List.of(query.split("&")).stream().anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
    }

    private record Target(String group, String namespace, String resource, String name, String subresource) {
    }

    /** {@code /api/v1/...} or {@code /apis/<group>/<version>/...}, then the resource part; null otherwise. */
    private static Target target(List<String> segments) {
        int rest;
        String group;
        if (segments.size() >= 3 && segments.get(0).equals("api")) {
            group = "";
            rest = 2;
        } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            rest = 3;
        } else {
            return null;
        }
        List<String> parts = segments.subList(rest, segments.size());
        if (parts.size() >= 3 && parts.get(0).equals("namespaces")) {
            return resource(group, parts.get(1), parts.subList(2, parts.size()));
        }
        return resource(group, null, parts);
    }

    private static Target resource(String group, String namespace, List<String> parts) {
        return new Target(group, namespace, parts.get(0), parts.size() > 1 ? parts.get(1) : null,
                parts.size() > 2 ? parts.get(2) : null);
    }

    /** {@code resource} or {@code resource/subresource}, as RBAC rules name it. */
    public String rbacResource() {
        return subresource == null ? resource : resource + "/" + subresource;
    }

    /**
     * One TSV line, identity first: identity, verb, apiGroup, resource, subresource, namespace, name, code,
     * method, path, at. Absent values are empty (as is the core API group).
     */
    public String tsv() {
        return String.join("\t", identity, verb, apiGroup, orEmpty(resource), orEmpty(subresource), orEmpty(namespace),
                orEmpty(name), Integer.toString(code), method, path, at.toString());
    }

    /** The call a {@link #tsv()} line holds. */
    public static ApiCall fromTsv(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != TSV_FIELDS) {
            throw new IllegalArgumentException("an API call has " + TSV_FIELDS + " tab-separated fields, this has "
                    + f.length + ": " + line);
        }
        return new ApiCall(f[0], f[8], f[1], f[2], orNull(f[3]), orNull(f[4]), orNull(f[5]), orNull(f[6]),
                Integer.parseInt(f[7]), f[9], Instant.parse(f[10]));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String orNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
