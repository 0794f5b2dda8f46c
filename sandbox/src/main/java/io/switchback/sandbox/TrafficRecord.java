package io.switchback.sandbox;

import java.time.Instant;

/**
 * One generated request and what answered it: the ground truth for the loop's timings.
 *
 * @param sentAt   when the request left the generator
 * @param pod      the pod that answered, or null when no ready endpoint existed
 * @param color    the {@code color} label of that pod, or null
 * @param version  the version the pod reported, or null
 * @param status   the HTTP status; 503 when there was no endpoint, 504 on timeout, 502 on a connection error
 * @param latencyMs time to the response
 */
public record TrafficRecord(Instant sentAt, String pod, String color, String version, int status, long latencyMs) {

    public boolean ok() {
        return status < 500;
    }

    /** Failed for want of an endpoint: no ready pod (503 from no pod), or the connection refused (502). */
    public boolean endpointless() {
        return status == 503 && pod == null || status == 502;
    }
}
