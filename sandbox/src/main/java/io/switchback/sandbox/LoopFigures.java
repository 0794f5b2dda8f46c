package io.switchback.sandbox;

import io.switchback.events.HealthBreached;
import io.switchback.events.RollbackCompleted;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The timings of one bad release, from the ground truth (every response the generator recorded) and from
 * the events: when the bad version first served an error (fault onset), when the monitor called the
 * breach, when the selector was switched back, and when traffic was restored (the first request after
 * which every request was answered by the restored version).
 */
public record LoopFigures(Instant faultOnset, Instant breachAt, Instant switchedAt, Instant restoredAt) {

    public Duration onsetToBreach() {
        return Duration.between(faultOnset, breachAt);
    }

    public Duration breachToSwitched() {
        return Duration.between(breachAt, switchedAt);
    }

    public Duration switchedToRestored() {
        return Duration.between(switchedAt, restoredAt);
    }

    /** The measured recovery time: fault onset to traffic restored. */
    public Duration onsetToRestored() {
        return Duration.between(faultOnset, restoredAt);
    }

    /**
     * @param badVersion      the version the bad release reported
     * @param restoredVersion the version traffic went back to
     * @return empty while the records do not yet show the onset or the restoration
     */
    public static Optional<LoopFigures> of(List<TrafficRecord> records, String badVersion, String restoredVersion,
            HealthBreached breach, RollbackCompleted rollback) {
        List<TrafficRecord> bySent = records.stream().sorted(Comparator.comparing(TrafficRecord::sentAt)).toList();
        Optional<Instant> onset = bySent.stream()
                .filter(r -> badVersion.equals(r.version()) && !r.ok()).map(TrafficRecord::sentAt).findFirst();
        Instant switchedAt = rollback.timings().trafficSwitchedAt();
        Optional<Instant> lastBad = bySent.stream().filter(r -> !restoredVersion.equals(r.version()) || !r.ok())
                .map(TrafficRecord::sentAt).reduce((a, b) -> b);
        Optional<Instant> restored = bySent.stream()
                .filter(r -> !r.sentAt().isBefore(switchedAt))
                .filter(r -> lastBad.isEmpty() || r.sentAt().isAfter(lastBad.get()))
                .filter(r -> restoredVersion.equals(r.version()) && r.ok())
                .map(TrafficRecord::sentAt).findFirst();
        if (onset.isEmpty() || restored.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LoopFigures(onset.get(), breach.occurredAt(), switchedAt, restored.get()));
    }
}
