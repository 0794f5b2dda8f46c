package io.switchback.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Every response the generator recorded, in completion order; safe to read while traffic flows. */
public final class TrafficLog {

    private final List<TrafficRecord> records = new ArrayList<>();

    synchronized void add(TrafficRecord record) {
        records.add(record);
    }

    public synchronized List<TrafficRecord> snapshot() {
        return List.copyOf(records);
    }

    public synchronized int size() {
        return records.size();
    }

    /** The earliest-sent record after {@code from} that matches. */
    public Optional<TrafficRecord> first(Instant from, Predicate<TrafficRecord> matching) {
        return snapshot().stream()
                .filter(r -> !r.sentAt().isBefore(from))
                .filter(matching)
                .min((a, b) -> a.sentAt().compareTo(b.sentAt()));
    }

    /** Records sent in [from, to). */
    public List<TrafficRecord> between(Instant from, Instant to) {
        return snapshot().stream().filter(r -> !r.sentAt().isBefore(from) && r.sentAt().isBefore(to)).toList();
    }
}
