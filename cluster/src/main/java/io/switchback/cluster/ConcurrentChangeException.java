package io.switchback.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** The object changed between read and write (409 on its resourceVersion): re-read, decide again. */
public class ConcurrentChangeException extends RuntimeException {

    ConcurrentChangeException(HasMetadata observed, Throwable cause) {
        super(observed.getKind() + " " + observed.getMetadata().getNamespace() + "/" + observed.getMetadata().getName()
                + " changed since resourceVersion " + observed.getMetadata().getResourceVersion(), cause);
    }
}
