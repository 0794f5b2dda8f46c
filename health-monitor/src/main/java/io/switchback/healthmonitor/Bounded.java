package io.switchback.healthmonitor;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waiting for a release's reads with a bound: what has not answered by then is missing data. */
final class Bounded {

    private static final Logger LOG = LoggerFactory.getLogger(Bounded.class);

    private Bounded() {
    }

    /** Waits at most {@code timeout} for all of {@code reads}. */
    static void await(List<? extends CompletableFuture<?>> reads, Duration timeout, String service) {
        try {
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("reads of {} did not all finish: {}", service, e.toString());
        }
    }

    /** The reads that are done; the others are left out. */
    static <T> List<T> done(List<CompletableFuture<T>> reads) {
        return reads.stream().filter(read -> read.isDone() && !read.isCompletedExceptionally())
                .map(CompletableFuture::join).toList();
    }

    static Set<Misconfiguration> misconfigured(List<PodEndpoints.Read> reads) {
        Set<Misconfiguration> found = EnumSet.noneOf(Misconfiguration.class);
        reads.forEach(read -> found.addAll(read.misconfigured()));
        return found;
    }
}
