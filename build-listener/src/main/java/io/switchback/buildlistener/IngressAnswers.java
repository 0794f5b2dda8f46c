package io.switchback.buildlistener;

import io.switchback.buildlistener.delivery.DeliveryLedger;
import io.switchback.buildlistener.delivery.RateLimits;
import io.switchback.buildlistener.trust.Refusal;
import io.switchback.buildlistener.trust.TrustUnavailableException;
import io.switchback.platform.EventPublisher;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/** Every refusal of the edge, with its status and a reason a sender can act on; none of them wrote anything. */
final class IngressAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(IngressAnswers.class);

    private IngressAnswers() {
    }

    /** The answer to a refusal; empty for a failure that is not one (a bug: the container answers 500). */
    static Optional<Answer> of(RuntimeException e) {
        if (e instanceof BoundedBody.TooLargeException) {
            return Optional.of(new Answer(HttpStatus.CONTENT_TOO_LARGE, error(e.getMessage())));
        }
        if (e instanceof Refusal refusal) {
            LOG.warn("refused with {}: {}", refusal.status(), refusal.getMessage());
            return Optional.of(new Answer(HttpStatus.valueOf(refusal.status()), error(refusal.getMessage())));
        }
        if (e instanceof RateLimits.RateLimitedException limited) {
            return Optional.of(new Answer(HttpStatus.TOO_MANY_REQUESTS, error(limited.getMessage()),
                    Long.toString(limited.retryAfterSeconds())));
        }
        if (e instanceof IngressRequests.InvalidRequestException invalid) {
            return Optional.of(new Answer(HttpStatus.BAD_REQUEST,
                    Map.of("error", invalid.getMessage(), "field", invalid.field())));
        }
        if (e instanceof EventPublisher.EventNotAcknowledgedException) {
            LOG.warn("answering 503: {}", e.getMessage());
            return Optional.of(unavailable("Kafka did not acknowledge the event; retry the same delivery"));
        }
        if (e instanceof DeliveryLedger.LedgerNotReadyException || e instanceof TrustUnavailableException) {
            LOG.warn("answering 503: {}", e.getMessage());
            return Optional.of(unavailable(e.getMessage()));
        }
        return Optional.empty();
    }

    private static Map<String, String> error(String message) {
        return Map.of("error", message);
    }

    private static Answer unavailable(String why) {
        return new Answer(HttpStatus.SERVICE_UNAVAILABLE, error(why), "5");
    }
}
