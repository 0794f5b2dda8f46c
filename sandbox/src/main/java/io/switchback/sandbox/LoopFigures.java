package io.switchback.sandbox;

import io.switchback.events.HealthBreached;
import io.switchback.events.RollbackCompleted;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The timings of one bad release, from the ground truth (every response the generator recorded) and from
 * the events: when the bad version first served a response that shows its fault (fault onset: a 5xx, a slow
 * response, no endpoint; the switch itself for a fault no request shows, such as an open circuit breaker
 * whose fallback answers), when the monitor called the
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
     * @param showsFault      whether a response shows the bad release's fault
     * @param badSwitchedAt   when the bad release took the traffic: the onset of a fault no response shows
     * @param restoredVersion the version traffic went back to
     * @return empty while the records do not yet show the restoration
     */
    public static Optional<LoopFigures> of(List<TrafficRecord> records, Predicate<TrafficRecord> showsFault,
            Instant badSwitchedAt, String restoredVersion, HealthBreached breach, RollbackCompleted rollback) {
        List<TrafficRecord> bySent = records.stream().sorted(Comparator.comparing(TrafficRecord::sentAt)).toList();
        Optional<Instant> onset = Optional.of(bySent.stream().filter(r -> !r.sentAt().isBefore(badSwitchedAt))
                .filter(showsFault).map(TrafficRecord::sentAt).findFirst().orElse(badSwitchedAt));
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

    /**
     * The figures from a live record, once it covers two seconds past the switch back, so that the restoration time
     * is final; empty if it does not within {@code timeout}, or does not show the restoration.
     */
    static Optional<LoopFigures> await(TrafficLog traffic, Predicate<TrafficRecord> showsFault, Instant badSwitchedAt,
            String restoredVersion, HealthBreached breach, RollbackCompleted rollback, Duration timeout) {
        Instant settled = rollback.timings().trafficSwitchedAt().plusSeconds(2);
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (traffic.first(settled, r -> true).isPresent()) {
                return of(traffic.snapshot(), showsFault, badSwitchedAt, restoredVersion, breach, rollback);
            }
            StoryOutput.pause();
        }
        return Optional.empty();
    }
}
