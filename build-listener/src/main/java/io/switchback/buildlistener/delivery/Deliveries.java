package io.switchback.buildlistener.delivery;

import io.switchback.events.SwitchbackEvent;
import io.switchback.platform.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Writes a delivery's events once: the events a delivery id (per credential) already has on Kafka are not
 * written again, whichever replica took them (each first reads what every replica wrote up to now); two requests
 * for the same delivery on this replica take turns.
 * A delivery answered with some events written and a 503 for the rest writes only the rest when it is retried.
 */
public final class Deliveries {

    /**
     * What became of a delivery: its events (event key to id: the id written first, for an event written before),
     * and whether all were written before.
     */
    public record Outcome(boolean duplicate, Map<String, String> eventIds) {
    }

    private final DeliveryLedger ledger;
    private final Supplier<CompletableFuture<Void>> readUpToNow;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Duration wait;
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    /**
     * @param readUpToNow completes once the ledger holds every delivery written before it was called
     * @param wait how long a request waits for that, or for a twin request on this replica
     */
    public Deliveries(DeliveryLedger ledger, Supplier<CompletableFuture<Void>> readUpToNow, EventPublisher publisher,
            Clock clock, Duration wait) {
        this.ledger = ledger;
        this.readUpToNow = readUpToNow;
        this.publisher = publisher;
        this.clock = clock;
        this.wait = wait;
    }

    /**
     * @param delivery {@code <credential> <delivery id>}
     * @throws EventPublisher.EventNotAcknowledgedException when Kafka did not take one of the events
     * @throws DeliveryLedger.LedgerNotReadyException when it cannot tell a replay from a new delivery in time
     */
    public Outcome deliver(String delivery, List<SwitchbackEvent> events) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        for (CompletableFuture<Void> twin = inFlight.putIfAbsent(delivery, mine); twin != null;
                twin = inFlight.putIfAbsent(delivery, mine)) {
            await(twin, "the same delivery is being taken by another request");
        }
        try {
            await(readUpToNow.get(), "the deliveries other replicas took could not be read in time");
            return write(delivery, events);
        } finally {
            inFlight.remove(delivery, mine);
            mine.complete(null);
        }
    }

    private Outcome write(String delivery, List<SwitchbackEvent> events) {
        Map<String, String> eventIds = new LinkedHashMap<>();
        List<SwitchbackEvent> missing = new ArrayList<>();
        for (SwitchbackEvent event : events) {
            String written = ledger.eventId(delivery, event.key());
            if (written == null) {
                missing.add(event);
            } else {
                eventIds.put(event.key(), written);
            }
        }
        for (SwitchbackEvent event : missing) {
            publisher.publish(event, delivery);
            ledger.record(delivery, event.key(), event.eventId(), clock.instant());
            eventIds.put(event.key(), event.eventId());
        }
        return new Outcome(missing.isEmpty(), eventIds);
    }

    private void await(CompletableFuture<Void> future, String otherwise) {
        try {
            future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryLedger.LedgerNotReadyException(otherwise);
        } catch (ExecutionException e) {
            throw new DeliveryLedger.LedgerNotReadyException(otherwise + " (" + e.getCause().getMessage() + ")");
        } catch (TimeoutException e) {
            throw new DeliveryLedger.LedgerNotReadyException(otherwise + " (within " + wait.toMillis() + " ms)");
        }
    }
}
