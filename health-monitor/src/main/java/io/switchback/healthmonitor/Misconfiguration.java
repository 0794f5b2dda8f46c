package io.switchback.healthmonitor;

/**
 * A pod endpoint that is not where the service's settings say: a configuration error of the monitor or of the
 * service, never evidence against the release. Exported as {@code switchback_health_misconfigured{service,reason}}.
 */
public enum Misconfiguration {
    /** The health endpoint answers 404: the health path (or port) does not fit the service. */
    HEALTH_PATH_NOT_FOUND("health-path-not-found", "health endpoint"),
    /** The metrics endpoint answers 404: the metrics path (or the pod's {@code prometheus.io/path}) does not fit. */
    METRICS_PATH_NOT_FOUND("metrics-path-not-found", "metrics endpoint");

    private final String reason;
    private final String endpoint;

    Misconfiguration(String reason, String endpoint) {
        this.reason = reason;
        this.endpoint = endpoint;
    }

    /** The value of the metric's {@code reason} label. */
    public String reason() {
        return reason;
    }

    /** For a person, e.g. {@code health endpoint GET /actuator/health answers 404}. */
    public String describe(String path) {
        return endpoint + " GET " + path + " answers 404";
    }
}
