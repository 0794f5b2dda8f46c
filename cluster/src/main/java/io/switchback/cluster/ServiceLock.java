package io.switchback.cluster;

import io.fabric8.kubernetes.api.model.Service;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Takes and releases a Service's {@link RecordLock} with guarded writes of its record. Whoever holds it may
 * write the Service's Deployments; the decision that led there was taken on the record the lock was
 * written over, so nobody can have changed it in between.
 */
public final class ServiceLock {

    private static final int ATTEMPTS_ON_CONCURRENT_CHANGE = 5;

    private final BlueGreenCluster cluster;

    public ServiceLock(BlueGreenCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Writes {@code changed} with the lock held by {@code holder} until {@code until}, over {@code observed}.
     *
     * @throws ConcurrentChangeException when the Service changed since it was read: decide again
     */
    public Service acquire(Service observed, ReleaseRecord changed, String holder, Instant until) {
        return cluster.writeRecord(observed, changed.toBuilder().lock(new RecordLock(holder, until)).build());
    }

    /**
     * Removes {@code holder}'s lock, applying {@code alsoChange} to the record in the same write; re-reads
     * and writes again when someone (a person, a status writer) changed the Service meanwhile.
     *
     * @return the Service after the release; unchanged when the lock is no longer {@code holder}'s
     */
    public Service release(Service held, String holder, UnaryOperator<ReleaseRecord> alsoChange) {
        Service current = held;
        for (int attempt = 1; ; attempt++) {
            ReleaseRecord record = current == null ? null : ReleaseRecord.of(current).orElse(null);
            if (record == null || record.lock() == null || !record.lock().holder().equals(holder)) {
                return current;
            }
            try {
                return cluster.writeRecord(current, alsoChange.apply(record).toBuilder().lock(null).build());
            } catch (ConcurrentChangeException e) {
                if (attempt == ATTEMPTS_ON_CONCURRENT_CHANGE) {
                    throw e;
                }
                current = cluster.service(held.getMetadata().getName());
            }
        }
    }
}
