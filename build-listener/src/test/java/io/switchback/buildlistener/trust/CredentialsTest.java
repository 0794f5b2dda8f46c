package io.switchback.buildlistener.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchback.buildlistener.BuildListenerProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void aShortOrEmptySecretIsRefusedByItsSettingNeverItsValue() {
        String secret = "too-short-but-secret";
        assertThatThrownBy(() -> Credentials.from(TrustFixture.properties(List.of(), List.of(
                new BuildListenerProperties.Operator("alice", List.of(TrustFixture.ALICE_SECRET, secret), List.of(), List.of())),
                Map.of(), List.of())))
                .isInstanceOf(TrustConfigurationException.class)
                .hasMessage("switchback.build-listener.operators[0].secrets[1] is shorter than 32 characters")
                .hasMessageNotContaining(secret);
        assertThatThrownBy(() -> Credentials.from(TrustFixture.properties(List.of(), List.of(), Map.of(),
                List.of(new BuildListenerProperties.Webhook("acme", List.of(" "))))))
                .hasMessage("switchback.build-listener.github.webhooks[0].secrets[0] is empty");
    }

    @Test
    void aSenderMustBeScopedToServicesAndRegistries() {
        assertThatThrownBy(() -> Credentials.from(TrustFixture.properties(List.of(new BuildListenerProperties.Sender(
                "acme/shop", List.of(TrustFixture.SHOP_SECRET), List.of("checkout"), List.of(), List.of(), List.of())),
                List.of(), Map.of(), List.of())))
                .hasMessageStartingWith("switchback.build-listener.senders[0].registries must list");
        assertThatThrownBy(() -> Credentials.from(TrustFixture.properties(List.of(new BuildListenerProperties.Sender(
                "acme/shop", List.of(), List.of("checkout"), List.of("ghcr.io/acme"), List.of(), List.of())),
                List.of(), Map.of(), List.of())))
                .as("no secret and no OIDC: it could never authenticate")
                .hasMessageStartingWith("switchback.build-listener.senders[0].secrets must hold a secret");
    }

    @Test
    void anOperatorsCommandsAreNamedAmongTheCommands() {
        assertThatThrownBy(() -> Credentials.from(TrustFixture.properties(List.of(), List.of(
                new BuildListenerProperties.Operator("alice", List.of(TrustFixture.ALICE_SECRET), List.of(),
                        List.of("rollback", "deploy"))), Map.of(), List.of())))
                .isInstanceOf(TrustConfigurationException.class)
                .hasMessage("switchback.build-listener.operators[0].commands names deploy; the commands are "
                        + "[approve, retry, rollback, verification]");
    }

    @Test
    void approversMustBeOperatorsAndSomethingMustBeTrusted() {
        assertThatThrownBy(() -> Credentials.from(TrustFixture.properties(List.of(), List.of(
                new BuildListenerProperties.Operator("alice", List.of(TrustFixture.ALICE_SECRET), List.of(), List.of())),
                Map.of("production", List.of("mallory")), List.of())))
                .hasMessageContaining("approvers.production names mallory");
        assertThatThrownBy(() -> Credentials.from(TrustFixture.properties(List.of(), List.of(), Map.of(), List.of())))
                .hasMessageContaining("nothing is trusted");
    }

    @Test
    void whatACredentialMayDo() {
        Credentials credentials = Credentials.from(TrustFixture.standard());

        Credentials.Sender shop = credentials.sender("ACME/Shop").orElseThrow();
        assertThat(shop.owns("checkout")).isTrue();
        assertThat(shop.owns("cart")).isFalse();
        assertThat(shop.allowsImage("ghcr.io/acme/checkout:1")).isTrue();
        assertThat(shop.allowsImage("ghcr.io/acmecorp/checkout:1")).as("a prefix ends where a segment does").isFalse();
        Credentials.Sender pinned = new Credentials.Sender("acme/shop", java.util.List.of(), java.util.Set.of("checkout"),
                java.util.List.of("ghcr.io/acme/checkout"), java.util.Set.of(), java.util.Set.of());
        assertThat(pinned.allowsImage("ghcr.io/acme/checkout:1.5.0")).isTrue();
        assertThat(pinned.allowsImage("ghcr.io/acme/checkout@sha256:0123")).isTrue();
        assertThat(pinned.allowsImage("ghcr.io/acme/checkout-admin:1")).isFalse();
        assertThat(credentials.operator("bob").orElseThrow().actsIn("production")).isFalse();
        assertThat(credentials.mayApprove("alice", "production")).isTrue();
        assertThat(credentials.mayApprove("bob", "production")).isFalse();
        assertThat(credentials.mayApprove("bob", "staging")).as("no approvers listed there").isTrue();
        Credentials.Webhook hook = credentials.webhooks().get(0);
        assertThat(hook.covers("acme/shop")).isTrue();
        assertThat(hook.covers("acmecorp/shop")).isFalse();
        assertThat(shop.toString()).doesNotContain(TrustFixture.SHOP_SECRET);
        assertThat(TrustFixture.standard().toString()).doesNotContain(TrustFixture.SHOP_SECRET)
                .doesNotContain(TrustFixture.ALICE_SECRET).doesNotContain(TrustFixture.HOOK_SECRET);
    }
}
