package io.switchback.healthmonitor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (version 0.0.4): one sample per line,
 * {@code name{label="value",...} value [timestamp]}. Comments and lines it cannot read are skipped, so
 * that one odd metric of some library cannot blind the health monitor to the ones it needs.
 */
public final class PrometheusText {

    /** One line of the exposition: a metric name, its labels and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {

        public String label(String key) {
            return labels.get(key);
        }
    }

    private PrometheusText() {
    }

    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                samples.add(new LineReader(trimmed).sample());
            } catch (IllegalArgumentException skipped) {
                // an unreadable line says nothing about the metrics we need
            }
        }
        return samples;
    }

    /** Go's ParseFloat spellings as Prometheus writes them: NaN, +Inf, -Inf and decimal numbers. */
    static double parseValue(String value) {
        return switch (value) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a sample value: " + value, e);
                }
            }
        };
    }

    private static final class LineReader {
        private final String line;
        private int pos;

        LineReader(String line) {
            this.line = line;
        }

        Sample sample() {
            String name = name();
            Map<String, String> labels = Map.of();
            if (pos < line.length() && line.charAt(pos) == '{') {
                pos++;
                labels = labels();
            }
            String[] rest = line.substring(pos).strip().split("\\s+");
            if (name.isEmpty() || rest[0].isEmpty()) {
                throw new IllegalArgumentException("no name or value");
            }
            return new Sample(name, labels, parseValue(rest[0]));
        }

        private String name() {
            int start = pos;
            while (pos < line.length() && isNameChar(line.charAt(pos))) {
                pos++;
            }
            return line.substring(start, pos);
        }

        private Map<String, String> labels() {
            Map<String, String> labels = new LinkedHashMap<>();
            while (true) {
                skipSpaces();
                if (peek() == '}') {
                    pos++;
                    return Collections.unmodifiableMap(labels);
                }
                String key = name();
                skipSpaces();
                expect('=');
                skipSpaces();
                expect('"');
                labels.put(key, quotedRest());
                skipSpaces();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw new IllegalArgumentException("expected , or } at " + pos);
                }
            }
        }

        private String quotedRest() {
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    char escaped = next();
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
        }

        private void expect(char wanted) {
            if (next() != wanted) {
                throw new IllegalArgumentException("expected " + wanted + " before " + pos);
            }
        }

        private char peek() {
            if (pos >= line.length()) {
                throw new IllegalArgumentException("line ends inside the labels");
            }
            return line.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void skipSpaces() {
            while (pos < line.length() && line.charAt(pos) == ' ') {
                pos++;
            }
        }

        private static boolean isNameChar(char c) {
            return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
    }
}
