package io.switchback.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchback.events.Color;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.RollbackCause;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackTimings;
import io.switchback.events.RollbackTrigger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications against local HTTP servers: a rollback reaches Slack and the JSON webhook with the status page's
 * link; a server answering 500 is tried a bounded number of times, then counted; one that hangs never holds the
 * caller; a switch is not notified.
 */
class NotificationsIT {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final RollbackCompleted ROLLBACK = new RollbackCompleted("e-1", T0, "staging", "checkout", "d-2",
            "rb-1", new RollbackCause(RollbackTrigger.HEALTH_BREACH, "b-1", null, null, null, "error-rate 3.76% > 1.00%"),
            Color.GREEN, Color.BLUE, "r/c:1.4.0", new RollbackTimings(T0, T0, T0, T0));

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void aRollbackReachesSlackAndTheWebhookWithTheLink() {
        List<String> slack = new CopyOnWriteArrayList<>();
        List<String> webhook = new CopyOnWriteArrayList<>();
        try (Notifications notifications = new Notifications(properties(server(200, slack, null), server(204, webhook, null),
                3, Duration.ofSeconds(2)), "staging", meters)) {
            notifications.published(ROLLBACK);
            notifications.published(new DeploymentTrafficSwitched("e-2", T0, "staging", "checkout", "d-3", Color.GREEN,
                    "r/c:1.5.0", Color.BLUE, "r/c:1.4.0", T0, null));

            await().atMost(Duration.ofSeconds(10)).until(() -> slack.size() == 1 && webhook.size() == 1);
            assertThat(slack.get(0)).contains("\"text\":\"[staging] checkout: traffic green -> blue: r/c:1.4.0 restored")
                    .contains("<https://status.example/staging|status>");
            assertThat(webhook.get(0)).contains("\"type\":\"io.switchback.rollback.completed.v1\"", "\"eventId\":\"e-1\"",
                    "\"link\":\"https://status.example/staging\"", "\"rollbackId\":\"rb-1\"");
            assertThat(meters.counter("switchback.notifications", "target", "slack", "outcome", "sent").count()).isEqualTo(1);
        }
        assertThat(slack).as("the switch is not one people are told of").hasSize(1);
    }

    @Test
    void aServerThatFailsIsTriedABoundedNumberOfTimesThenCounted() {
        AtomicInteger tries = new AtomicInteger();
        try (Notifications notifications = new Notifications(properties(server(500, null, tries), null, 3,
                Duration.ofSeconds(2)), "staging", meters)) {
            notifications.published(ROLLBACK);

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    meters.counter("switchback.notifications", "target", "slack", "outcome", "failed").count() == 1);
            assertThat(tries).hasValue(3);
        }
    }

    @Test
    void aServerThatHangsNeverHoldsTheCaller() {
        AtomicInteger held = new AtomicInteger();
        String hanging = server(0, null, held);
        try (Notifications notifications = new Notifications(properties(hanging, null, 2, Duration.ofMillis(300)),
                "staging", meters)) {
            notifications.published(ROLLBACK);
            notifications.published(ROLLBACK);

            // both calls came back, and the server holds the first request unanswered: nobody waited for it
            await().atMost(Duration.ofSeconds(10)).until(() -> held.get() >= 1);
            assertThat(release.getCount()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    meters.counter("switchback.notifications", "target", "slack", "outcome", "failed").count() == 2);
        }
    }

    private static NotificationProperties properties(String slack, String webhook, int attempts, Duration timeout) {
        return new NotificationProperties(slack, webhook, "https://status.example/staging", attempts,
                Duration.ofMillis(10), timeout);
    }

    /** A local server answering {@code status} (0: never), keeping the bodies and counting the requests. */
    private String server(int status, List<String> bodies, AtomicInteger tries) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (tries != null) {
                    tries.incrementAndGet();
                }
                if (status == 0) {
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                    return;
                }
                if (bodies != null) {
                    bodies.add(body);
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            servers.add(server);
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
