package io.switchback.buildlistener;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * What the edge answers a request: its status, its JSON body, and when to retry (429 and 503), or null.
 *
 * @param retryAfter seconds, for the {@code Retry-After} header; null when there is none
 */
record Answer(HttpStatus status, Map<String, ?> body, String retryAfter) {

    Answer(HttpStatus status, Map<String, ?> body) {
        this(status, body, null);
    }
}
