package io.switchback.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the page writes a figure or an instant, the same everywhere. */
final class Figures {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Figures() {
    }

    /** A value in its event's unit: a ratio as a percentage, milliseconds as ms. */
    static String of(double value, String unit) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return switch (unit) {
            case "ratio" -> percent(value);
            case "ms" -> String.format(Locale.ROOT, "%.0f ms", value);
            default -> String.format(Locale.ROOT, "%.4g %s", value, unit);
        };
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.2f%%", ratio * 100);
    }

    static String time(Instant at) {
        return at == null ? "-" : TIME.format(at);
    }

    static String clock(Instant at) {
        return at == null ? "-" : CLOCK.format(at);
    }
}
