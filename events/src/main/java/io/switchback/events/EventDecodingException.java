package io.switchback.events;

import java.util.List;

/**
 * A record on a topic is not a valid event of the contract. Never worth a retry: the consumer sends the
 * record to the dead-letter topic with {@link #reason()} and {@link #getMessage()} in its headers.
 */
public class EventDecodingException extends RuntimeException {

    /** What kind of wrong. */
    public enum Reason {
        /** Missing or invalid CloudEvents headers ({@code ce_specversion}, {@code ce_type}, ...). */
        NOT_A_CLOUDEVENT,
        /** A CloudEvents {@code type} that this contract does not define. */
        UNKNOWN_TYPE,
        /** The value is not JSON. */
        MALFORMED_JSON,
        /** JSON that breaks the type's schema: a missing field, a wrong type, a bad pattern. */
        SCHEMA_VIOLATION
    }

    private final Reason reason;
    private final List<String> violations;

    public EventDecodingException(Reason reason, String message, List<String> violations, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
        this.violations = List.copyOf(violations);
    }

    public EventDecodingException(Reason reason, String message, Throwable cause) {
        this(reason, message, List.of(), cause);
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#SCHEMA_VIOLATION}: each broken rule, with the JSON path of the field. */
    public List<String> violations() {
        return violations;
    }
}
