package io.switchback.buildlistener.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchback.buildlistener.BuildListenerProperties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final RateLimits limits = new RateLimits(new BuildListenerProperties.RateLimit(0.5, 3), nanos::get);

    @Test
    void aBurstThenTheRateAndEachCredentialHasItsOwn() {
        limits.take("acme/shop");
        limits.take("acme/shop");
        limits.take("acme/shop");

        assertThatThrownBy(() -> limits.take("acme/shop")).isInstanceOfSatisfying(RateLimits.RateLimitedException.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(2));
        limits.take("alice");
        nanos.addAndGet(2_000_000_000L);
        limits.take("acme/shop");
        assertThatThrownBy(() -> limits.take("acme/shop")).isInstanceOf(RateLimits.RateLimitedException.class);
    }
}
