package io.switchback.buildlistener.trust;

import io.switchback.buildlistener.BuildListenerProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.util.unit.DataSize;

/** Trust settings built in code, for the unit tests of the trust package. */
final class TrustFixture {

    static final String SHOP_SECRET = "unit-test-shop-secret-0123456789abcdef";
    static final String SHOP_NEXT_SECRET = "unit-test-shop-next-secret-0123456789ab";
    static final String ALICE_SECRET = "unit-test-alice-secret-0123456789abcde";
    static final String HOOK_SECRET = "unit-test-hook-secret-0123456789abcdefg";

    private TrustFixture() {
    }

    static BuildListenerProperties properties(List<BuildListenerProperties.Sender> senders,
            List<BuildListenerProperties.Operator> operators, Map<String, List<String>> approvers,
            List<BuildListenerProperties.Webhook> webhooks) {
        return new BuildListenerProperties(DataSize.ofMegabytes(1), Duration.ofMinutes(5), Duration.ofHours(72), 500_000, Duration.ofMillis(5),
                new BuildListenerProperties.RateLimit(20, 100), senders,
                new BuildListenerProperties.Oidc("https://token.actions.githubusercontent.com", null, "switchback"),
                operators, approvers, new BuildListenerProperties.GitHub(webhooks, List.of()));
    }

    static BuildListenerProperties standard() {
        return properties(
                List.of(new BuildListenerProperties.Sender("acme/shop", List.of(SHOP_SECRET, SHOP_NEXT_SECRET),
                        List.of("checkout"), List.of("ghcr.io/acme"), List.of(), List.of())),
                List.of(new BuildListenerProperties.Operator("alice", List.of(ALICE_SECRET), List.of(), List.of()),
                        new BuildListenerProperties.Operator("bob", List.of(ALICE_SECRET + "b"), List.of("staging"), List.of())),
                Map.of("production", List.of("alice")),
                List.of(new BuildListenerProperties.Webhook("acme", List.of(HOOK_SECRET))));
    }
}
