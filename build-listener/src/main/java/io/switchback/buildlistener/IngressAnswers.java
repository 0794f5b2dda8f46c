package io.switchback.buildlistener;

import io.switchback.buildlistener.delivery.DeliveryLedger;
import io.switchback.buildlistener.delivery.RateLimits;
import io.switchback.buildlistener.trust.Refusal;
import io.switchback.buildlistener.trust.TrustUnavailableException;
import io.switchback.platform.EventPublisher;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every refusal of the edge, with its status and a reason a sender can act on; none of them wrote anything. */
@RestControllerAdvice
class IngressAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(IngressAnswers.class);

    @ExceptionHandler(BoundedBody.TooLargeException.class)
    ResponseEntity<Map<String, String>> tooLarge(BoundedBody.TooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<Map<String, String>> refused(Refusal e) {
        LOG.warn("refused with {}: {}", e.status(), e.getMessage());
        return ResponseEntity.status(e.status()).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(RateLimits.RateLimitedException.class)
    ResponseEntity<Map<String, String>> rateLimited(RateLimits.RateLimitedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(e.retryAfterSeconds())).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IngressRequests.InvalidRequestException.class)
    ResponseEntity<Map<String, String>> invalid(IngressRequests.InvalidRequestException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage(), "field", e.field()));
    }

    @ExceptionHandler(EventPublisher.EventNotAcknowledgedException.class)
    ResponseEntity<Map<String, String>> kafkaUnavailable(EventPublisher.EventNotAcknowledgedException e) {
        LOG.warn("answering 503: {}", e.getMessage());
        return unavailable("Kafka did not acknowledge the event; retry the same delivery");
    }

    @ExceptionHandler({DeliveryLedger.LedgerNotReadyException.class, TrustUnavailableException.class})
    ResponseEntity<Map<String, String>> notReady(RuntimeException e) {
        LOG.warn("answering 503: {}", e.getMessage());
        return unavailable(e.getMessage());
    }

    private static ResponseEntity<Map<String, String>> unavailable(String why) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(Map.of("error", why));
    }
}
