package io.switchback.sandbox;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;
import java.util.Objects;

/**
 * A container's readiness probe as the kubelet runs it: an HTTP GET of {@code path} on the container's port
 * every {@code period}, a pass for 2xx and 3xx answered within {@code timeout}. Absent fields take
 * Kubernetes' defaults (no initial delay, every 10 s, 1 s timeout, 1 success, 3 failures).
 *
 * @param probed false when the container has no readiness probe: it is ready as soon as it runs
 */
record ReadinessProbe(boolean probed, String path, Duration initialDelay, Duration period, Duration timeout,
        int successThreshold, int failureThreshold) {

    static ReadinessProbe of(Container container) {
        Probe probe = container.getReadinessProbe();
        if (probe == null || probe.getHttpGet() == null) {
            return new ReadinessProbe(false, "/", Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1), 1, 3);
        }
        return new ReadinessProbe(true, Objects.requireNonNullElse(probe.getHttpGet().getPath(), "/"),
                Duration.ofSeconds(positive(probe.getInitialDelaySeconds(), 0)),
                Duration.ofSeconds(positive(probe.getPeriodSeconds(), 10)),
                Duration.ofSeconds(positive(probe.getTimeoutSeconds(), 1)),
                positive(probe.getSuccessThreshold(), 1), positive(probe.getFailureThreshold(), 3));
    }

    private static int positive(Integer value, int defaultValue) {
        return value == null || value < 0 || (value == 0 && defaultValue > 0) ? defaultValue : value;
    }
}
