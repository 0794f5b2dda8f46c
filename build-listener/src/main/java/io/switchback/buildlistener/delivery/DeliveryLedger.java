package io.switchback.buildlistener.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The deliveries accepted within the memory window, by {@code <credential> <delivery id>}: for each, the events
 * already written (event key to event id). Filled from this replica's own writes and from every replica's, read
 * back from the topics ({@link LedgerTail}). Pure memory, bounded by the window.
 */
public final class DeliveryLedger {

    private record Seen(String delivery, Instant at) {
    }

    private final Duration memory;
    private final int maxDeliveries;
    private final Map<String, Map<String, String>> written = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Seen> order = new ConcurrentLinkedQueue<>();

    /** @param maxDeliveries the most it remembers: past it, the oldest are forgotten before their window ends */
    public DeliveryLedger(Duration memory, int maxDeliveries) {
        this.memory = memory;
        this.maxDeliveries = maxDeliveries;
    }

    public Duration memory() {
        return memory;
    }

    /** An event of this delivery was written (here or by another replica). Idempotent. */
    public void record(String delivery, String eventKey, String eventId, Instant at) {
        // an immutable map per delivery, replaced when a delivery of several events grows: nearly all hold one
        // event, and a concurrent map each was a 16-slot table for it
        written.compute(delivery, (d, events) -> {
            if (events == null) {
                order.add(new Seen(d, at));
                return Map.of(eventKey, eventId);
            }
            if (events.containsKey(eventKey)) {
                return events;
            }
            Map<String, String> more = new HashMap<>(events);
            more.put(eventKey, eventId);
            return Map.copyOf(more);
        });
    }

    /** What was written for this delivery: event key to event id, empty when nothing. */
    public Map<String, String> written(String delivery) {
        return written.getOrDefault(delivery, Map.of());
    }

    /** Forgets deliveries accepted before the window, and the oldest beyond the most it remembers. */
    public void forgetBefore(Instant now) {
        Instant horizon = now.minus(memory);
        for (Seen oldest = order.peek(); oldest != null && (oldest.at().isBefore(horizon) || written.size() > maxDeliveries);
                oldest = order.peek()) {
            order.poll();
            written.remove(oldest.delivery());
        }
    }

    public int size() {
        return written.size();
    }

    /** This replica cannot yet tell a replay from a new delivery (it has not read the topics that far): 503, retry. */
    public static final class LedgerNotReadyException extends RuntimeException {
        public LedgerNotReadyException(String why) {
            super(why + "; retry the same delivery");
        }
    }
}
