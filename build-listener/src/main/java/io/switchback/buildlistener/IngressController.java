package io.switchback.buildlistener;

import io.switchback.events.EventType;
import io.switchback.events.SwitchbackEvent;
import io.switchback.platform.EventPublisher;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP edge. Every request: signature first (401), then the contract (400 naming the field), then
 * Kafka (202 with the event id only once the broker acknowledged; 503 when it did not, so the sender
 * retries). Nothing is written for a rejected request.
 */
@RestController
class IngressController {

    private static final Logger LOG = LoggerFactory.getLogger(IngressController.class);

    private final SignatureVerifier signatures;
    private final IngressRequests requests = new IngressRequests(Clock.systemUTC());
    private final EventPublisher publisher;

    IngressController(BuildListenerProperties properties, EventPublisher publisher) {
        this.signatures = new SignatureVerifier(properties.hmacSecret());
        this.publisher = publisher;
    }

    @PostMapping("/v1/builds")
    ResponseEntity<Map<String, String>> build(@RequestBody byte[] body,
            @RequestHeader(name = SignatureVerifier.HEADER, required = false) String signature) {
        return accept(EventType.BUILD_COMPLETED, body, signature);
    }

    @PostMapping("/v1/commands/rollback")
    ResponseEntity<Map<String, String>> rollback(@RequestBody byte[] body,
            @RequestHeader(name = SignatureVerifier.HEADER, required = false) String signature) {
        return accept(EventType.ROLLBACK_REQUESTED, body, signature);
    }

    @PostMapping("/v1/commands/approve")
    ResponseEntity<Map<String, String>> approve(@RequestBody byte[] body,
            @RequestHeader(name = SignatureVerifier.HEADER, required = false) String signature) {
        return accept(EventType.PROMOTION_APPROVED, body, signature);
    }

    @PostMapping("/v1/commands/retry")
    ResponseEntity<Map<String, String>> retry(@RequestBody byte[] body,
            @RequestHeader(name = SignatureVerifier.HEADER, required = false) String signature) {
        return accept(EventType.DEPLOYMENT_RETRY, body, signature);
    }

    @PostMapping("/v1/commands/verification")
    ResponseEntity<Map<String, String>> verification(@RequestBody byte[] body,
            @RequestHeader(name = SignatureVerifier.HEADER, required = false) String signature) {
        return accept(EventType.VERIFICATION_RECORDED, body, signature);
    }

    private ResponseEntity<Map<String, String>> accept(EventType type, byte[] body, String signature) {
        if (!signatures.matches(body, signature)) {
            LOG.warn("refused {} request: missing or invalid {}", type.ceType(), SignatureVerifier.HEADER);
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(Map.of("error", "missing or invalid " + SignatureVerifier.HEADER));
        }
        SwitchbackEvent event = requests.toEvent(type, body);
        publisher.publish(event);
        LOG.info("accepted {} {} for {}", type.ceType(), event.eventId(), event.key());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("eventId", event.eventId(), "type", type.ceType(), "topic", type.topic().topicName()));
    }

    @ExceptionHandler(IngressRequests.InvalidRequestException.class)
    ResponseEntity<Map<String, String>> invalid(IngressRequests.InvalidRequestException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage(), "field", e.field()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "the request has no body", "field", "body"));
    }

    @ExceptionHandler(EventPublisher.EventNotAcknowledgedException.class)
    ResponseEntity<Map<String, String>> kafkaUnavailable(EventPublisher.EventNotAcknowledgedException e) {
        LOG.warn("answering 503: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                .body(Map.of("error", "Kafka did not acknowledge the event; nothing was accepted, retry"));
    }
}
