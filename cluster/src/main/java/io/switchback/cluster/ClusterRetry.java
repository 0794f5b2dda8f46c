package io.switchback.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.switchback.platform.TransientFailureException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries Kubernetes API calls that failed for a passing reason (no connection, 429, 5xx) with
 * exponential backoff. A 404 or a 409 is an answer, not a failure: it is returned to the caller to decide.
 * When the retries run out on a passing failure, {@link ClusterUnavailableException} says so: a listener
 * gets its record again later instead of dead-lettering it.
 */
public final class ClusterRetry {

    private final Retry retry;

    private ClusterRetry(Retry retry) {
        this.retry = retry;
    }

    public static ClusterRetry standard() {
        return of(5, Duration.ofMillis(100));
    }

    public static ClusterRetry of(int maxAttempts, Duration firstBackoff) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(firstBackoff, 2.0))
                .retryOnException(ClusterRetry::transientFailure)
                .build();
        return new ClusterRetry(Retry.of("kubernetes-api", config));
    }

    public <T> T call(Supplier<T> apiCall) {
        try {
            return Retry.decorateSupplier(retry, apiCall).get();
        } catch (KubernetesClientException e) {
            if (transientFailure(e)) {
                throw new ClusterUnavailableException(e);
            }
            throw e;
        }
    }

    public void run(Runnable apiCall) {
        call(() -> {
            apiCall.run();
            return null;
        });
    }

    static boolean transientFailure(Throwable failure) {
        if (!(failure instanceof KubernetesClientException k8s)) {
            return false;
        }
        int code = k8s.getCode();
        return code == 0 || code == 429 || code >= 500;
    }

    /** The API server did not answer, or answered 429/5xx, through every retry. */
    public static final class ClusterUnavailableException extends TransientFailureException {
        ClusterUnavailableException(KubernetesClientException cause) {
            super("the Kubernetes API is unavailable: " + cause.getMessage(), cause);
        }
    }
}
