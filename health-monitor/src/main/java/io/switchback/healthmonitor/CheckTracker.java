package io.switchback.healthmonitor;

import java.time.Instant;
import java.util.Optional;

/**
 * One check of one release over time: counts consecutive failures and says when an event is due.
 * Events go out on transitions only: breached once the streak reaches the configured length, recovered
 * when a breached check passes again, inconclusive once it has had no verdict for the configured evaluations in
 * a row (so that a new release's first sparse second is not news). The detected fault onset is the check's own
 * change-point estimate when it has one (a sequential test), else the streak's first failing evaluation. A pending evaluation (pods not ready inside
 * their grace) changes nothing: a total outage becomes a breach once the grace is over, never inconclusive,
 * and a pod going unready after a breach does not look like a recovery. A verdict counts as
 * reported only once the caller confirms it ({@link #reported}), so a verdict Kafka did not take is
 * offered again at the next evaluation.
 */
public final class CheckTracker {

    private enum Reported { NOTHING, INCONCLUSIVE, BREACHED }

    private final int consecutiveFailuresNeeded;
    private final int evaluationsWithoutDataNeeded;
    private int streak;
    private int inconclusiveStreak;
    private Instant firstBadAt;
    private Reported reported = Reported.NOTHING;

    /** @param consecutiveFailuresNeeded failing evaluations in a row for a breach; as many without data for inconclusive */
    public CheckTracker(int consecutiveFailuresNeeded) {
        this(consecutiveFailuresNeeded, consecutiveFailuresNeeded);
    }

    /**
     * @param consecutiveFailuresNeeded    failing evaluations in a row for a breach
     * @param evaluationsWithoutDataNeeded evaluations without data in a row for inconclusive
     */
    public CheckTracker(int consecutiveFailuresNeeded, int evaluationsWithoutDataNeeded) {
        if (consecutiveFailuresNeeded < 1 || evaluationsWithoutDataNeeded < 1) {
            throw new IllegalArgumentException("a breach needs at least one failing evaluation, inconclusive one without data");
        }
        this.consecutiveFailuresNeeded = consecutiveFailuresNeeded;
        this.evaluationsWithoutDataNeeded = evaluationsWithoutDataNeeded;
    }

    /** Takes one evaluation; returns the verdict to report, if one is due. */
    public Optional<Verdict> observe(CheckResult result, Instant at) {
        return switch (result.outcome()) {
            case FAIL -> failing(result, at);
            case PASS -> passing(result, at);
            case INCONCLUSIVE -> withoutData(result, at);
            // the grace decides soon, either way: no streak moves and nothing is news
            case PENDING -> Optional.empty();
        };
    }

    private Optional<Verdict> failing(CheckResult result, Instant at) {
        inconclusiveStreak = 0;
        streak++;
        firstBadAt = result.evidence() != null ? result.evidence().firstBadAt() : streak == 1 ? at : firstBadAt;
        if (streak >= consecutiveFailuresNeeded && reported != Reported.BREACHED) {
            return Optional.of(new Verdict(Verdict.Kind.BREACHED, result, streak, firstBadAt, at));
        }
        reported = reported == Reported.INCONCLUSIVE ? Reported.NOTHING : reported;
        return Optional.empty();
    }

    private Optional<Verdict> passing(CheckResult result, Instant at) {
        inconclusiveStreak = 0;
        streak = 0;
        firstBadAt = null;
        if (reported == Reported.BREACHED) {
            return Optional.of(new Verdict(Verdict.Kind.RECOVERED, result, 0, null, at));
        }
        reported = Reported.NOTHING;
        return Optional.empty();
    }

    /** No data is no evidence either way: the failing streak starts again, and a breach stands. */
    private Optional<Verdict> withoutData(CheckResult result, Instant at) {
        streak = 0;
        firstBadAt = null;
        inconclusiveStreak++;
        if (inconclusiveStreak >= evaluationsWithoutDataNeeded && reported == Reported.NOTHING) {
            return Optional.of(new Verdict(Verdict.Kind.INCONCLUSIVE, result, 0, null, at));
        }
        return Optional.empty();
    }

    /** The verdict reached its readers. */
    public void reported(Verdict verdict) {
        reported = switch (verdict.kind()) {
            case BREACHED -> Reported.BREACHED;
            case RECOVERED -> Reported.NOTHING;
            case INCONCLUSIVE -> Reported.INCONCLUSIVE;
        };
    }
}
