package io.switchback.events;

import java.util.regex.Pattern;

/**
 * Record keys. Every event about one service in one environment shares a key, hence a partition, hence
 * an order and a single owning consumer; builds are keyed by service because they precede environments.
 */
public final class EventKeys {

    /** Compiled once: every event's key is checked, several times per event on the edge's request path. */
    private static final Pattern NAME = Pattern.compile(FieldPatterns.NAME);

    private EventKeys() {
    }

    public static String release(String environment, String service) {
        return requireName("environment", environment) + "/" + requireName("service", service);
    }

    public static String build(String service) {
        return requireName("service", service);
    }

    private static String requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + FieldPatterns.NAME + " but was " + value);
        }
        return value;
    }
}
