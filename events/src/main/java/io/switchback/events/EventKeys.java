package io.switchback.events;

/**
 * Record keys. Every event about one service in one environment shares a key, hence a partition, hence
 * an order and a single owning consumer; builds are keyed by service because they precede environments.
 */
public final class EventKeys {

    private EventKeys() {
    }

    public static String release(String environment, String service) {
        return requireName("environment", environment) + "/" + requireName("service", service);
    }

    public static String build(String service) {
        return requireName("service", service);
    }

    private static String requireName(String what, String value) {
        if (value == null || !value.matches(FieldPatterns.NAME)) {
            throw new IllegalArgumentException(what + " must match " + FieldPatterns.NAME + " but was " + value);
        }
        return value;
    }
}
