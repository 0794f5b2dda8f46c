package io.switchback.systemtests;

import io.switchback.sandbox.TrafficRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A bad release's fault and its end, read from the traffic record alone: the first failed response of the bad
 * version (the onset; its switch when none failed), and the first response after which every response came from the
 * restored version and succeeded. No event is needed, so it holds while Kafka is down too.
 */
record Restoration(Instant onset, Instant restored) {

    Duration onsetToRestored() {
        return Duration.between(onset, restored);
    }

    static Optional<Restoration> of(List<TrafficRecord> records, Instant badSwitchedAt, String badVersion,
            String restoredVersion) {
        List<TrafficRecord> bySent = records.stream().filter(r -> !r.sentAt().isBefore(badSwitchedAt))
                .sorted(Comparator.comparing(TrafficRecord::sentAt)).toList();
        Instant onset = bySent.stream().filter(r -> badVersion.equals(r.version()) && !r.ok())
                .map(TrafficRecord::sentAt).findFirst().orElse(badSwitchedAt);
        Optional<Instant> lastBad = bySent.stream().filter(r -> !restoredVersion.equals(r.version()) || !r.ok())
                .map(TrafficRecord::sentAt).reduce((a, b) -> b);
        if (lastBad.isEmpty()) {
            return Optional.empty();
        }
        return bySent.stream().filter(r -> r.sentAt().isAfter(lastBad.get()))
                .filter(r -> restoredVersion.equals(r.version()) && r.ok())
                .map(TrafficRecord::sentAt).findFirst().map(restored -> new Restoration(onset, restored));
    }
}
