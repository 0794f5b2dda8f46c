package io.switchback.buildlistener.delivery;

import io.switchback.events.SwitchbackEvent;
import io.switchback.platform.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Writes a delivery's events once: the events a delivery id (per credential) already has on Kafka are not
 * written again, whichever replica took them (each first reads what every replica wrote up to now); two requests
 * for the same delivery on this replica take turns.
 * A delivery answered with some events written and a 503 for the rest writes only the rest when it is retried.
 * <p>
 * A request waits once, for its answer: the events are sent as soon as the read completes, by a thread of this
 * class's own, and Kafka's acknowledgement wakes the request. The read completes on the ledger's reader or on the
 * admin client's thread, neither of which may wait on a send (the producer blocks a send while it has no metadata
 * or its buffer is full, when every request would wait on it anyway).
 */
public final class Deliveries implements AutoCloseable {

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
    private final ExecutorService sends = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "edge-sends");
        thread.setDaemon(true);
        return thread;
    });

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
            await(twin);
        }
        Write write = new Write(delivery, events);
        CompletableFuture<Outcome> written;
        try {
            written = write.after(readUpToNow.get());
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        Runnable turnOver = () -> {
            inFlight.remove(delivery, mine);
            mine.complete(null);
        };
        // the turn passes when the write ends, or when it is abandoned before it sent anything; not when a request
        // that sent stops waiting: a retry must find its events recorded, not write them again
        written.whenComplete((outcome, failure) -> turnOver.run());
        return write.await(written, turnOver);
    }

    /** A delivery's write: the read, then its events sent, each recorded once Kafka acknowledged it. */
    private final class Write {

        private static final int READING = 0;
        private static final int SENDING = 1;
        private static final int ABANDONED = 2;

        private final String delivery;
        private final List<SwitchbackEvent> events;
        /** Reading, then either sending (the read came in time) or abandoned (its request stopped waiting first). */
        private final AtomicInteger state = new AtomicInteger(READING);
        /** When the events were sent, by {@link System#nanoTime()}. */
        private volatile long sentAt;

        Write(String delivery, List<SwitchbackEvent> events) {
            this.delivery = delivery;
            this.events = events;
        }

        CompletableFuture<Outcome> after(CompletableFuture<Void> read) {
            return read.handleAsync((done, failure) -> {
                if (failure != null) {
                    return CompletableFuture.<Outcome>failedFuture(notReady("(" + unwrap(failure).getMessage() + ")"));
                }
                if (!state.compareAndSet(READING, SENDING)) {
                    return CompletableFuture.<Outcome>failedFuture(notReady("(abandoned)"));
                }
                sentAt = System.nanoTime();
                return send();
            }, sends).thenCompose(outcome -> outcome);
        }

        /** On {@code edge-sends}: the events this delivery has not written yet, each recorded as it is acknowledged. */
        private CompletableFuture<Outcome> send() {
            Map<String, CompletableFuture<String>> ids = new LinkedHashMap<>();
            boolean duplicate = true;
            for (SwitchbackEvent event : events) {
                String written = ledger.eventId(delivery, event.key());
                if (written != null) {
                    ids.put(event.key(), CompletableFuture.completedFuture(written));
                    continue;
                }
                duplicate = false;
                ids.put(event.key(), publisher.send(event, delivery).handle((sent, failure) -> {
                    if (failure != null) {
                        throw EventPublisher.EventNotAcknowledgedException.failed(event, failure);
                    }
                    ledger.record(delivery, event.key(), event.eventId(), clock.instant());
                    return event.eventId();
                }));
            }
            boolean none = duplicate;
            return CompletableFuture.allOf(ids.values().toArray(CompletableFuture[]::new)).thenApply(all -> {
                Map<String, String> eventIds = new LinkedHashMap<>();
                ids.forEach((key, id) -> eventIds.put(key, id.join()));
                return new Outcome(none, eventIds);
            });
        }

        /**
         * The request's one wait: up to {@code wait} for the read; once the events were sent, up to the publisher's
         * acknowledgement timeout from then. A read that comes after its request stopped waiting sends nothing.
         */
        Outcome await(CompletableFuture<Outcome> written, Runnable turnOver) {
            try {
                try {
                    return written.get(wait.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException late) {
                    if (state.compareAndSet(READING, ABANDONED)) {
                        turnOver.run();
                        throw notReady("(within " + wait.toMillis() + " ms)");
                    }
                    Duration ack = publisher.ackTimeout();
                    long sent = sentAt == 0 ? System.nanoTime() : sentAt;
                    try {
                        return written.get(Math.max(sent + ack.toNanos() - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
                    } catch (TimeoutException unacknowledged) {
                        throw EventPublisher.EventNotAcknowledgedException.unanswered(events.get(0), ack,
                                unacknowledged);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (state.compareAndSet(READING, ABANDONED)) {
                    turnOver.run();
                }
                throw notReady("(interrupted)");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        private DeliveryLedger.LedgerNotReadyException notReady(String detail) {
            return new DeliveryLedger.LedgerNotReadyException(
                    "the deliveries other replicas took could not be read in time " + detail);
        }
    }

    private void await(CompletableFuture<Void> twin) {
        try {
            twin.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryLedger.LedgerNotReadyException("the same delivery is being taken by another request");
        } catch (ExecutionException | TimeoutException e) {
            throw new DeliveryLedger.LedgerNotReadyException("the same delivery is being taken by another request"
                    + " (within " + wait.toMillis() + " ms)");
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }

    @Override
    public void close() {
        sends.shutdownNow();
    }
}
