package io.switchback.cluster;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.util.Map;

/**
 * Points a managed Service at a colour. One JSON merge patch that touches only what Switchback owns
 * (the {@code color} selector key and the {@code switchback.io/*} annotations) and carries the
 * {@code resourceVersion} that was read: if anyone changed the Service since, the API server refuses
 * with 409 and the caller re-reads and decides again.
 */
public class TrafficSwitch {

    private final KubernetesClient client;
    private final ClusterRetry retry;

    public TrafficSwitch(KubernetesClient client, ClusterRetry retry) {
        this.client = client;
        this.retry = retry;
    }

    /**
     * @param observed the Service as read, whose resourceVersion guards the change
     * @return the Service after the change
     * @throws ConcurrentChangeException when the Service changed since it was read
     */
    public Service pointAt(Service observed, ReleaseRecord release) {
        Map<String, Object> patch = Map.of(
                "metadata", Map.of(
                        "resourceVersion", observed.getMetadata().getResourceVersion(),
                        "annotations", release.annotations()),
                "spec", Map.of("selector", Map.of(ReleaseRecord.SELECTOR_COLOR, release.liveColor().wire())));
        try {
            return retry.call(() -> client.services().inNamespace(observed.getMetadata().getNamespace())
                    .withName(observed.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch)));
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                throw new ConcurrentChangeException(observed, e);
            }
            throw e;
        }
    }

    /** The Service changed between read and write: re-read, re-decide. */
    public static class ConcurrentChangeException extends RuntimeException {
        ConcurrentChangeException(Service observed, Throwable cause) {
            super("Service " + observed.getMetadata().getNamespace() + "/" + observed.getMetadata().getName()
                    + " changed since resourceVersion " + observed.getMetadata().getResourceVersion(), cause);
        }
    }
}
