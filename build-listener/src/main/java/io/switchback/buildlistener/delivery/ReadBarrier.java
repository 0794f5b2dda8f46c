package io.switchback.buildlistener.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LedgerTail}'s barrier: a caller's future completes once the tail has read every partition it reads up
 * to where it ended when the caller called. Concurrent callers share one question to the brokers (the partitions'
 * end offsets), at most one per interval: a caller joins the next question, never one already asked, so nothing
 * acknowledged before it called can be missed.
 */
final class ReadBarrier {

    private static final Logger LOG = LoggerFactory.getLogger(ReadBarrier.class);
    private static final Duration QUESTION_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ASK_AGAIN_AFTER = Duration.ofMillis(100);
    /** A round is asked again until this old; its callers have given up long before (their wait is the ack timeout). */
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(30);

    /** A question the brokers answered: the ends they gave, and the future of every request that joined it. */
    private record Answered(Map<TopicPartition, Long> ends, CompletableFuture<Void> read) {
    }

    /** The requests waiting on the next question, and since when the first of them waits. */
    private record Round(CompletableFuture<Void> read, Instant since) {
    }

    private final Admin admin;
    private final Clock clock;
    private final Duration interval;
    private final ConcurrentLinkedQueue<Answered> answered = new ConcurrentLinkedQueue<>();
    private final Object rounds = new Object();
    /** Completes once the next question's ends are read; shared by the requests that joined it. */
    private Round nextRound;
    private boolean asking;
    /** When the last question was asked, by {@link System#nanoTime()}. */
    private long askedAt;
    private volatile List<TopicPartition> partitions = List.of();
    private volatile Map<TopicPartition, Long> positions = Map.of();

    /**
     * @param interval the least time between two questions to the brokers: the requests that arrive meanwhile share
     *     the next one (zero: a question as soon as the last is answered)
     */
    ReadBarrier(Admin admin, Clock clock, Duration interval) {
        this.admin = admin;
        this.clock = clock;
        this.interval = interval;
        this.askedAt = System.nanoTime() - interval.toNanos();
    }

    /** Completes once the tail has read every partition it reads up to where it ended at the call. */
    CompletableFuture<Void> readUpToNow() {
        synchronized (rounds) {
            if (nextRound == null) {
                nextRound = new Round(new CompletableFuture<>(), clock.instant());
            }
            CompletableFuture<Void> read = nextRound.read();
            if (!asking) {
                ask();
            }
            return read;
        }
    }

    /**
     * The partitions the tail reads (and has sought to its window's start), from now on every question's: a round
     * waiting for the first of them is asked.
     */
    void reading(List<TopicPartition> assigned) {
        partitions = List.copyOf(assigned);
        synchronized (rounds) {
            if (nextRound != null && !asking) {
                ask();
            }
        }
    }

    /** Where the tail has read to: completes every answered round whose ends it has reached. */
    void readTo(Map<TopicPartition, Long> read) {
        positions = read;
        release();
    }

    /** Whether the tail has read up to these ends. */
    boolean readUpTo(Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> read = positions;
        return ends.entrySet().stream().allMatch(e -> read.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    void close() {
        admin.close(Duration.ofSeconds(2));
    }

    /**
     * Called holding {@link #rounds}: asks the brokers for the end offsets on behalf of everyone waiting. Before the
     * topics are assigned the round stays pending, and is asked once they are (the caller's own wait bounds it).
     * A question is bounded by {@link #QUESTION_TIMEOUT}: one sent to a broker that has just died is otherwise held
     * by the admin client for its whole API timeout (a minute), and every request behind it with it. A question that
     * failed is asked again, fresh, for the same callers, until {@link #ROUND_LIMIT}.
     */
    private void ask() {
        List<TopicPartition> known = partitions;
        if (known.isEmpty()) {
            return;
        }
        long early = askedAt + interval.toNanos() - System.nanoTime();
        if (early > 0) {
            askAfter(early);
            return;
        }
        askedAt = System.nanoTime();
        Round round = nextRound;
        nextRound = null;
        asking = true;
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        known.forEach(p -> latest.put(p, OffsetSpec.latest()));
        ListOffsetsOptions bounded = new ListOffsetsOptions().timeoutMs((int) QUESTION_TIMEOUT.toMillis());
        admin.listOffsets(latest, bounded).all().whenComplete((offsets, failure) -> {
            if (failure == null) {
                Map<TopicPartition, Long> ends = new HashMap<>();
                offsets.forEach((p, info) -> ends.put(p, info.offset()));
                answered.add(new Answered(ends, round.read()));
                release();
            }
            synchronized (rounds) {
                asking = false;
                if (failure != null) {
                    again(round, failure);
                    if (nextRound != null) {
                        askAfter(ASK_AGAIN_AFTER.toNanos());
                    }
                } else if (nextRound != null) {
                    ask();
                }
            }
        });
    }

    /**
     * Called holding {@link #rounds}: the next question is asked after {@code nanos}, callers meanwhile joining it;
     * after a failure (one that comes at once, not by timing out, must not make this a busy loop), or before the
     * interval since the last question has passed.
     */
    private void askAfter(long nanos) {
        asking = true;
        // run by the JDK's delay thread itself: asking does not block, and CompletableFuture's default executor
        // starts a thread per task on 2 CPUs or fewer (docs/benchmarks.md)
        CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS, Runnable::run).execute(() -> {
            synchronized (rounds) {
                asking = false;
                if (nextRound != null) {
                    ask();
                }
            }
        });
    }

    /** Called holding {@link #rounds}: the callers of a round whose question failed join the next question. */
    private void again(Round round, Throwable failure) {
        if (round.read().isDone() || clock.instant().isAfter(round.since().plus(ROUND_LIMIT))) {
            round.read().completeExceptionally(failure);
        } else if (nextRound == null) {
            LOG.debug("the brokers did not say where the topics end ({}); asking again", failure.toString());
            nextRound = round;
        } else {
            // a later question covers everything written before this one was asked
            nextRound.read().whenComplete((done, error) -> {
                if (error == null) {
                    round.read().complete(null);
                } else {
                    round.read().completeExceptionally(error);
                }
            });
        }
    }

    /** Completes every answered round whose end offsets the tail has read up to. */
    private void release() {
        answered.removeIf(round -> {
            boolean caughtUp = readUpTo(round.ends());
            if (caughtUp) {
                round.read().complete(null);
            }
            return caughtUp;
        });
    }
}
