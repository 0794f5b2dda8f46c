package io.switchback.mockapi;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The Fabric8 CRUD dispatcher with what a real API server does that Switchback depends on:
 * <ul>
 *   <li>every request is recorded as an {@link ApiCall} (who, and what RBAC would have to grant);</li>
 *   <li>{@code deployments} and {@code pods} have a status subresource: a write to the object keeps the
 *       stored {@code .status}, a write to {@code /status} changes nothing else but the resourceVersion,
 *       a created object's posted status is dropped; {@code metadata.generation} grows only when
 *       something outside metadata and status changes (the Fabric8 mock does this once the subresource is
 *       declared, which it otherwise does only for custom resources);</li>
 *   <li>an outage on demand ({@link #unavailableFor}): every request answered 503 for a while, except
 *       those of the exempt identities.</li>
 * </ul>
 */
public class ApiServerDispatcher extends KubernetesCrudDispatcher {

    private static final Set<String> WITH_STATUS_SUBRESOURCE = Set.of("apps/deployments", "/pods");
    private static final String UNAVAILABLE = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
            "message":"the simulated API server is unavailable","reason":"ServiceUnavailable","code":503}""";

    private record Outage(Instant until, Set<String> exempt) {
    }

    private final Clock clock;
    private final ApiCallLog log;
    private volatile Outage outage = new Outage(Instant.MIN, Set.of());

    public ApiServerDispatcher(Clock clock, ApiCallLog log) {
        this.clock = clock;
        this.log = log;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String authorization = request.getHeader("Authorization");
        MockResponse response = refuses(ApiCall.identity(authorization))
                ? new MockResponse().setResponseCode(503).setHeader("Content-Type", "application/json")
                        .setBody(UNAVAILABLE)
                : super.dispatch(request);
        int code = response == null ? 404 : response.getWebSocketListener() != null ? 101 : response.code();
        log.add(ApiCall.of(authorization, request.getMethod(), request.getPath(), code, clock.instant()));
        return response;
    }

    @Override
    public boolean isStatusSubresourceEnabledForResource(String path) {
        ApiCall target = ApiCall.of(null, "GET", path, 0, Instant.EPOCH);
        return target.resource() != null && WITH_STATUS_SUBRESOURCE.contains(target.apiGroup() + "/" + target.resource())
                || super.isStatusSubresourceEnabledForResource(path);
    }

    /**
     * From now on, for {@code duration}, every request is answered 503 unless its identity is in
     * {@code exempt}. Watches already open stay open; a client that reconnects or asks anew gets the 503.
     * {@link Duration#ZERO} ends an outage.
     */
    public void unavailableFor(Duration duration, Set<String> exempt) {
        outage = new Outage(clock.instant().plus(duration), Set.copyOf(exempt));
    }

    /** When the current outage ends; in the past when there is none. */
    public Instant unavailableUntil() {
        return outage.until();
    }

    private boolean refuses(String identity) {
        Outage current = outage;
        return clock.instant().isBefore(current.until()) && !current.exempt().contains(identity);
    }

    public ApiCallLog log() {
        return log;
    }
}
