package io.switchback.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchback.events.DeploymentPromotionPending;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.EventJson;
import io.switchback.events.SwitchbackEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Sends every failure, rollback, stall and pending approval to this environment's Slack-compatible webhook and its
 * generic JSON webhook, with a link to the status page. On a thread of its own behind a bounded queue, with bounded
 * retries and backoff: a webhook that fails or hangs never delays or blocks a rollback; a notification that cannot be
 * delivered is counted ({@code switchback.notifications}, outcome {@code failed}) and logged, without its URL.
 */
public class Notifications implements PublishedEventListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final NotificationProperties properties;
    private final String environment;
    private final MeterRegistry meters;
    private final HttpClient http;
    private final SideWork side = new SideWork("notifications");

    public Notifications(NotificationProperties properties, String environment, MeterRegistry meters) {
        this.properties = properties;
        this.environment = environment;
        this.meters = meters;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    /** What a person is told of an event, when it is one they are told of. */
    static Optional<String> summaryOf(SwitchbackEvent event) {
        if (event instanceof DeploymentPromotionPending p) {
            return Optional.of("release " + p.deploymentId() + " of " + p.image() + " (stable in "
                    + p.upstreamEnvironment() + ") waits for " + p.waitingFor());
        }
        if (event instanceof DeploymentTrafficSwitched) {
            return Optional.empty();
        }
        return KubernetesEvents.noteOf(event).map(KubernetesEvents.Note::text);
    }

    @Override
    public void published(SwitchbackEvent event) {
        if (!properties.enabled()) {
            return;
        }
        summaryOf(event).ifPresent(summary -> {
            if (!side.offer(() -> send(event, summary))) {
                failed("queue", event, "the queue of " + SideWork.QUEUE + " is full");
            }
        });
    }

    private void send(SwitchbackEvent event, String summary) {
        JsonNode data = EventJson.toTree(event);
        String service = data.path("service").asString("");
        String link = NotificationProperties.blank(properties.statusPage()) ? null : properties.statusPage();
        String headline = "[" + environment + "] " + service + ": " + summary;
        if (!NotificationProperties.blank(properties.slackWebhook())) {
            deliver("slack", properties.slackWebhook(), event,
                    Map.of("text", link == null ? headline : headline + " <" + link + "|status>"));
        }
        if (!NotificationProperties.blank(properties.webhook())) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("environment", environment);
            body.put("service", service);
            body.put("type", event.type().ceType());
            body.put("eventId", event.eventId());
            body.put("summary", summary);
            if (link != null) {
                body.put("link", link);
            }
            body.put("event", data);
            deliver("webhook", properties.webhook(), event, body);
        }
    }

    private void deliver(String target, String url, SwitchbackEvent event, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.mapper().writeValueAsBytes(body))).build();
        Duration wait = properties.backoff();
        String last = "not tried";
        for (int attempt = 1; attempt <= properties.attempts(); attempt++) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    meters.counter("switchback.notifications", "target", target, "outcome", "sent").increment();
                    return;
                }
                last = "HTTP " + status;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed(target, event, "interrupted");
                return;
            } catch (Exception e) {
                last = e.getClass().getSimpleName();
            }
            if (attempt < properties.attempts()) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed(target, event, "interrupted");
                    return;
                }
                wait = wait.multipliedBy(2);
            }
        }
        failed(target, event, last + " after " + properties.attempts() + " attempts");
    }

    private void failed(String target, SwitchbackEvent event, String why) {
        meters.counter("switchback.notifications", "target", target, "outcome", "failed").increment();
        LOG.warn("notification of {} {} to the {} not delivered: {}", event.type().ceType(), event.eventId(), target, why);
    }

    /** Lets queued notifications go, within a bound. */
    @Override
    public void close() {
        side.close();
    }
}
