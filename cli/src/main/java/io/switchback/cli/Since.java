package io.switchback.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** A point in time given as how long ago ({@code 30s}, {@code 15m}, {@code 2h}, {@code 7d}) or as an ISO-8601 instant. */
final class Since implements CommandLine.ITypeConverter<Instant> {

    private static final Pattern AGO = Pattern.compile("(\\d+)([smhd])");

    @Override
    public Instant convert(String value) {
        Matcher ago = AGO.matcher(value.trim());
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration duration = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return Instant.now().minus(duration);
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is neither how long ago (30s, 15m, 2h, 7d) nor an instant (2026-11-27T10:15:30Z)");
        }
    }
}
