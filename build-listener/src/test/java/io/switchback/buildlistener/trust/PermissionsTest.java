package io.switchback.buildlistener.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildConclusion;
import io.switchback.events.EventJson;
import io.switchback.events.EventType;
import io.switchback.events.PromotionApproved;
import io.switchback.events.RollbackRequested;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class PermissionsTest {

    private final Credentials credentials = Credentials.from(TrustFixture.standard());
    private final Permissions permissions = new Permissions(credentials);
    private final Caller shop = new Caller.BuildSender(credentials.sender("acme/shop").orElseThrow());
    private final Caller alice = new Caller.OperatorCaller(credentials.operator("alice").orElseThrow());
    private final Caller bob = new Caller.OperatorCaller(credentials.operator("bob").orElseThrow());
    private final Caller github = new Caller.GitHubWebhook(credentials.webhooks().get(0));

    @Test
    void whoSentItIsWrittenFromTheCredential() {
        ObjectNode rollback = json("{\"requestedBy\":\"mallory\"}");
        ObjectNode approval = json("{}");
        ObjectNode build = json("{}");

        permissions.stamp(alice, EventType.ROLLBACK_REQUESTED, rollback);
        permissions.stamp(alice, EventType.PROMOTION_APPROVED, approval);
        permissions.stamp(shop, EventType.BUILD_COMPLETED, build);

        assertThat(rollback.get("requestedBy").asString()).isEqualTo("alice");
        assertThat(approval.get("approvedBy").asString()).isEqualTo("alice");
        assertThat(build.get("repository").asString()).isEqualTo("acme/shop");
        assertForbidden(() -> permissions.stamp(shop, EventType.BUILD_COMPLETED, json("{\"repository\":\"other/x\"}")),
                "the body names repository other/x");
    }

    @Test
    void buildsComeFromBuildCredentialsAndCommandsFromOperators() {
        assertForbidden(() -> permissions.stamp(alice, EventType.BUILD_COMPLETED, json("{}")), "operator credential");
        assertForbidden(() -> permissions.stamp(shop, EventType.PROMOTION_APPROVED, json("{}")), "build credential");
        assertForbidden(() -> permissions.stamp(shop, EventType.VERIFICATION_RECORDED, json("{}")), "build credential");
    }

    @Test
    void aSenderDeploysOnlyItsServicesFromItsRegistries() {
        permissions.check(shop, build("checkout", "ghcr.io/acme/checkout:1", "acme/shop"));

        assertForbidden(() -> permissions.check(shop, build("cart", "ghcr.io/acme/cart:1", "acme/shop")),
                "acme/shop may not deploy cart");
        assertForbidden(() -> permissions.check(shop, build("checkout", "docker.io/acme/checkout:1", "acme/shop")),
                "not from a registry");
        permissions.check(github, build("cart", "ghcr.io/acme/cart:1", "acme/shop"));
        assertForbidden(() -> permissions.check(github, build("cart", "ghcr.io/x/cart:1", "other/shop")),
                "cannot deliver runs of other/shop");
    }

    @Test
    void anOperatorActsInItsEnvironmentsAndOnlyApproversApprove() {
        permissions.check(bob, rollback("staging"));
        permissions.check(bob, approval("staging"));
        permissions.check(alice, approval("production"));

        assertForbidden(() -> permissions.check(bob, rollback("production")), "bob may not send commands in production");
        assertForbidden(() -> permissions.check(new Caller.OperatorCaller(new Credentials.Operator("carol", java.util.List.of(),
                java.util.Set.of(), java.util.Set.of())), approval("production")), "carol is not among the approvers of production");
    }

    @Test
    void anOperatorLimitedToRollbacksSendsNothingElse() {
        Credentials limited = Credentials.from(TrustFixture.properties(java.util.List.of(), java.util.List.of(
                new io.switchback.buildlistener.BuildListenerProperties.Operator("rollback-workflow",
                        java.util.List.of(TrustFixture.ALICE_SECRET), java.util.List.of(), java.util.List.of("rollback"))),
                java.util.Map.of(), java.util.List.of()));
        Caller workflow = new Caller.OperatorCaller(limited.operator("rollback-workflow").orElseThrow());
        Permissions its = new Permissions(limited);

        its.check(workflow, rollback("production"));
        assertForbidden(() -> its.check(workflow, approval("staging")),
                "rollback-workflow may send only [rollback] commands, not approve");
    }

    private static void assertForbidden(Runnable action, String reason) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.status()).isEqualTo(403))
                .hasMessageContaining(reason);
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) EventJson.mapper().readTree(text);
    }

    private static BuildCompleted build(String service, String image, String repository) {
        return new BuildCompleted("e-1", Instant.EPOCH, service, image, "7f3a9c1", "main", repository, 1,
                BuildConclusion.SUCCESS, 1);
    }

    private static RollbackRequested rollback(String environment) {
        return new RollbackRequested("e-2", Instant.EPOCH, environment, "checkout", "why", "bob", null);
    }

    private static PromotionApproved approval(String environment) {
        return new PromotionApproved("e-3", Instant.EPOCH, environment, "checkout", "d-1", "bob", null);
    }
}
