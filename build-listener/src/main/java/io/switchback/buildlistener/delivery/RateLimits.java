package io.switchback.buildlistener.delivery;

import io.switchback.buildlistener.BuildListenerProperties;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** A token bucket per credential: a sender that outruns its rate is answered 429 with when to come back. */
public final class RateLimits {

    private final double perNano;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimits(BuildListenerProperties.RateLimit limit, LongSupplier nanoTime) {
        this.perNano = limit.requestsPerSecond() / 1e9;
        this.burst = limit.burst();
        this.nanoTime = nanoTime;
    }

    /** @throws RateLimitedException when this credential has no request left now */
    public void take(String credential) {
        Bucket bucket = buckets.computeIfAbsent(credential, c -> new Bucket(burst, nanoTime.getAsLong()));
        long waitNanos = bucket.take(nanoTime.getAsLong());
        if (waitNanos > 0) {
            throw new RateLimitedException(credential, Duration.ofNanos(waitNanos));
        }
    }

    private final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        /** @return 0 when a token was taken, otherwise how long until one is there */
        synchronized long take(long now) {
            tokens = Math.min(burst, tokens + (now - at) * perNano);
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }

    /** Too many requests from one credential. */
    public static final class RateLimitedException extends RuntimeException {
        private final Duration retryAfter;

        RateLimitedException(String credential, Duration retryAfter) {
            super(credential + " sent more than its rate limit allows", null, false, false);
            this.retryAfter = retryAfter;
        }

        /** Whole seconds, at least 1, as Retry-After takes them. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }
}
