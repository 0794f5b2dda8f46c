package io.switchback.buildlistener.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchback.events.RequestSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final byte[] BODY = "{\"service\":\"checkout\"}".getBytes(StandardCharsets.UTF_8);
    private final Authenticator authenticator = new Authenticator(Credentials.from(TrustFixture.standard()),
            Duration.ofMinutes(5), Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aSignatureOverTimestampDeliveryAndBodyNamesItsSender() {
        Authenticator.Authenticated shop = authenticator.authenticate(
                signed("acme/shop", TrustFixture.SHOP_NEXT_SECRET, "d-00000001", NOW.getEpochSecond())::get, BODY);
        Authenticator.Authenticated alice = authenticator.authenticate(
                signed("alice", TrustFixture.ALICE_SECRET, "d-00000002", NOW.getEpochSecond() - 299)::get, BODY);

        assertThat(shop.caller()).isInstanceOf(Caller.BuildSender.class);
        assertThat(shop.caller().id()).isEqualTo("acme/shop");
        assertThat(shop.delivery()).isEqualTo("d-00000001");
        assertThat(alice.caller()).isInstanceOf(Caller.OperatorCaller.class);
        assertThat(alice.caller().id()).isEqualTo("alice");
    }

    @Test
    void everythingElseIs401WithTheReason() {
        long now = NOW.getEpochSecond();
        assertRefused(signed("acme/shop", TrustFixture.ALICE_SECRET, "d-00000001", now), "invalid X-Switchback-Signature-256");
        assertRefused(signed("acme/shop", TrustFixture.SHOP_SECRET, "d-00000001", now - 301), "301 s from the server's clock");
        assertRefused(signed("acme/shop", TrustFixture.SHOP_SECRET, "d-00000001", now + 400), "400 s from the server's clock");
        assertRefused(signed("mallory", TrustFixture.SHOP_SECRET, "d-00000001", now), "no credential mallory");
        assertRefused(signed("acme/shop", TrustFixture.SHOP_SECRET, "short", now), "malformed X-Switchback-Delivery");
        Map<String, String> moved = signed("acme/shop", TrustFixture.SHOP_SECRET, "d-00000001", now);
        moved.put(RequestSignature.DELIVERY, "d-00000009");
        assertRefused(moved, "invalid X-Switchback-Signature-256");
        Map<String, String> noTime = signed("acme/shop", TrustFixture.SHOP_SECRET, "d-00000001", now);
        noTime.remove(RequestSignature.TIMESTAMP);
        assertRefused(noTime, "missing or malformed X-Switchback-Timestamp");
        Map<String, String> bearer = new HashMap<>(Map.of(RequestSignature.DELIVERY, "d-00000001",
                "Authorization", "Bearer abc"));
        assertRefused(bearer, "OIDC tokens are not accepted here");
    }

    @Test
    void githubsSignatureNamesTheWebhook() {
        Caller hook = authenticator.github(RequestSignature.github(TrustFixture.HOOK_SECRET, BODY), BODY);

        assertThat(hook.id()).isEqualTo("github:acme");
        assertThatThrownBy(() -> authenticator.github(RequestSignature.github(TrustFixture.SHOP_SECRET, BODY), BODY))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.status()).isEqualTo(401));
        assertThatThrownBy(() -> authenticator.github(null, BODY)).hasMessageContaining("missing X-Hub-Signature-256");
    }

    private void assertRefused(Map<String, String> headers, String reason) {
        assertThatThrownBy(() -> authenticator.authenticate(headers::get, BODY))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.status()).isEqualTo(401))
                .hasMessageContaining(reason);
    }

    private static Map<String, String> signed(String credential, String secret, String delivery, long timestamp) {
        return new HashMap<>(Map.of(
                RequestSignature.CREDENTIAL, credential,
                RequestSignature.DELIVERY, delivery,
                RequestSignature.TIMESTAMP, Long.toString(timestamp),
                RequestSignature.SIGNATURE, RequestSignature.sign(secret, timestamp, delivery, BODY)));
    }
}
