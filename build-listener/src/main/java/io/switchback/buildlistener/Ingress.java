package io.switchback.buildlistener;

import io.switchback.buildlistener.delivery.Deliveries;
import io.switchback.buildlistener.delivery.RateLimits;
import io.switchback.buildlistener.github.WorkflowRuns;
import io.switchback.buildlistener.trust.Authenticator;
import io.switchback.buildlistener.trust.Caller;
import io.switchback.buildlistener.trust.Permissions;
import io.switchback.events.RequestSignature;
import io.switchback.events.BuildCompleted;
import io.switchback.events.EventType;
import io.switchback.events.SwitchbackEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signed build events, operator commands and GitHub's own webhooks. Every request, in order: its size (413), who
 * sent it (401), its sender's rate (429), the contract (400 naming the field), what the credential allows (403),
 * then Kafka: 202 once the broker acknowledged, 200 "duplicate" for a delivery already taken, 503 when Kafka did
 * not answer. Nothing is written for a refused request.
 */
final class Ingress {

    private static final Logger LOG = LoggerFactory.getLogger(Ingress.class);
    static final String GITHUB_EVENT = "X-GitHub-Event";
    static final String GITHUB_DELIVERY = "X-GitHub-Delivery";

    private final BoundedBody bodies;
    private final Authenticator authenticator;
    private final RateLimits rateLimits;
    private final IngressRequests requests;
    private final Permissions permissions;
    private final Deliveries deliveries;
    private final WorkflowRuns workflowRuns;

    Ingress(BoundedBody bodies, Authenticator authenticator, RateLimits rateLimits, IngressRequests requests,
            Permissions permissions, Deliveries deliveries, WorkflowRuns workflowRuns) {
        this.bodies = bodies;
        this.authenticator = authenticator;
        this.rateLimits = rateLimits;
        this.requests = requests;
        this.permissions = permissions;
        this.deliveries = deliveries;
        this.workflowRuns = workflowRuns;
    }

    /** A signed build event or operator command: 202 once Kafka acknowledged it, 200 for a delivery already taken. */
    Answer accept(EventType type, HttpServletRequest request) {
        byte[] body = bodies.read(request);
        Authenticator.Authenticated sender = authenticator.authenticate(request::getHeader, body);
        rateLimits.take(sender.caller().id());
        ObjectNode fields = requests.parse(body);
        permissions.stamp(sender.caller(), type, fields);
        SwitchbackEvent event = requests.toEvent(type, fields);
        permissions.check(sender.caller(), event);
        String delivery = sender.caller().id() + " " + sender.delivery();
        Deliveries.Outcome outcome = deliveries.deliver(delivery, List.of(event));
        String eventId = outcome.eventIds().get(event.key());
        Map<String, Object> answer = answer(outcome.duplicate() ? "duplicate" : "accepted", sender.delivery(), null);
        answer.put("eventId", eventId);
        answer.put("type", type.ceType());
        answer.put("topic", type.topic().topicName());
        if (outcome.duplicate()) {
            LOG.info("duplicate delivery {} of {}: {} {} already written", sender.delivery(), sender.caller().id(),
                    type.ceType(), eventId);
            return new Answer(HttpStatus.OK, answer);
        }
        LOG.info("accepted {} {} for {} from {}", type.ceType(), eventId, event.key(), sender.caller().id());
        return new Answer(HttpStatus.ACCEPTED, answer);
    }

    /** A repository's or organisation's webhook: ping, and workflow_run deployed once per run attempt. */
    Answer webhook(HttpServletRequest request) {
        byte[] body = bodies.read(request);
        Caller github = authenticator.github(request.getHeader(RequestSignature.GITHUB_SIGNATURE), body);
        String delivery = Authenticator.deliveryId(request.getHeader(GITHUB_DELIVERY), GITHUB_DELIVERY);
        rateLimits.take(github.id());
        String event = String.valueOf(request.getHeader(GITHUB_EVENT));
        if ("ping".equals(event)) {
            return new Answer(HttpStatus.OK, answer("pong", delivery, "the webhook of " + github.id() + " reaches Switchback"));
        }
        if (!"workflow_run".equals(event)) {
            return new Answer(HttpStatus.OK, answer("ignored", delivery, "event " + event + " deploys nothing; send workflow_run"));
        }
        WorkflowRuns.Mapped mapped = workflowRuns.map(requests.parse(body));
        if (mapped.builds().isEmpty()) {
            LOG.info("GitHub delivery {} from {}: {}", delivery, github.id(), mapped.reason());
            return new Answer(HttpStatus.OK, answer("ignored", delivery, mapped.reason()));
        }
        List<SwitchbackEvent> builds = new ArrayList<>();
        for (ObjectNode fields : mapped.builds()) {
            SwitchbackEvent build = requests.toEvent(EventType.BUILD_COMPLETED, fields);
            permissions.check(github, build);
            builds.add(build);
        }
        // once per run, not per X-GitHub-Delivery: GitHub's signature does not cover that header, so a captured
        // payload replayed under another id is the same run, and a duplicate
        BuildCompleted run = (BuildCompleted) builds.get(0);
        Deliveries.Outcome outcome = deliveries.deliver(github.id() + " " + run.repository() + "/runs/"
                + run.workflowRunId() + "/attempts/" + run.order().runAttempt(), builds);
        Map<String, Object> answer = answer(outcome.duplicate() ? "duplicate" : "accepted", delivery, null);
        answer.put("events", outcome.eventIds());
        LOG.info("GitHub delivery {} from {}: {} {}", delivery, github.id(), answer.get("status"), outcome.eventIds());
        return new Answer(outcome.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED, answer);
    }

    private static Map<String, Object> answer(String status, String delivery, String reason) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", status);
        answer.put("delivery", delivery);
        if (reason != null) {
            answer.put("reason", reason);
        }
        return answer;
    }
}
