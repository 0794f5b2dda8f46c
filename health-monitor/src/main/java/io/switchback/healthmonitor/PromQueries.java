package io.switchback.healthmonitor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The instant queries that read a release's pods from Prometheus, derived from the service's
 * {@link MetricsProfile} (or its full expressions): per pod, the cumulative counters the direct scrape would
 * have read, so that the window and its counter-reset handling work exactly as with the pods themselves.
 *
 * @param up             per pod, whether Prometheus' latest scrape of it succeeded ({@code up})
 * @param scrapedAt      per pod, when that scrape was: the data's age is the lag stated in verdicts
 * @param requests       per pod, requests that are the application's traffic
 * @param errors         per pod, of those the 5xx
 * @param latencyBuckets per pod and {@code le}; null when the profile has no histogram
 * @param openBreakers   per pod, breakers open; null when the profile has no breaker metric
 */
public record PromQueries(String up, String scrapedAt, String requests, String errors, String latencyBuckets,
        String openBreakers) {

    /** Queries a release's reading takes at most: one per component. */
    static final int PER_RELEASE = 6;

    /**
     * @param podLabel       the label with the pod's name in the server's series
     * @param namespaceLabel the label with the namespace; empty when the server has none
     */
    public static PromQueries of(MetricsProfile profile, String namespace, Collection<String> pods, String podLabel,
            String namespaceLabel) {
        String selector = (namespaceLabel.isEmpty() ? "" : namespaceLabel + "=\"" + escape(namespace) + "\",")
                + podLabel + "=~\"" + escape(pods.stream().map(PromQueries::regexQuote).sorted()
                        .collect(Collectors.joining("|"))) + "\"";
        MetricsProfile.Traffic t = profile.traffic();
        MetricsProfile.Promql custom = profile.promql();
        String traffic = selector + routeMatchers(t);
        String byPod = "sum by (" + podLabel + ") ";
        return new PromQueries(
                "max by (" + podLabel + ") (up{" + selector + "})",
                "max by (" + podLabel + ") (timestamp(up{" + selector + "}))",
                custom.requests() != null ? fill(custom.requests(), selector)
                        : byPod + "(" + t.requests() + "{" + traffic + "})",
                custom.errors() != null ? fill(custom.errors(), selector)
                        : byPod + "(" + serverErrors(t.requests(), traffic, t.statusLabels()) + ")",
                custom.latencyBuckets() != null ? fill(custom.latencyBuckets(), selector)
                        : t.latencyBuckets() == null ? null
                        : "sum by (" + podLabel + ", le) (" + t.latencyBuckets() + "{" + traffic + "})",
                custom.openBreakers() != null ? fill(custom.openBreakers(), selector)
                        : openBreakers(profile.breakers(), selector, podLabel));
    }

    /** Every query, for a person (the docs, a log). */
    public List<String> all() {
        List<String> all = new ArrayList<>(List.of(up, scrapedAt, requests, errors));
        if (latencyBuckets != null) {
            all.add(latencyBuckets);
        }
        if (openBreakers != null) {
            all.add(openBreakers);
        }
        return all;
    }

    /**
     * The series whose first present status label starts with 5: one selector per label, each requiring the
     * labels before it to be absent, so that no series is counted twice.
     */
    private static String serverErrors(String metric, String traffic, List<String> statusLabels) {
        return IntStream.range(0, statusLabels.size()).mapToObj(i -> {
            StringBuilder matchers = new StringBuilder(traffic);
            statusLabels.subList(0, i).forEach(earlier -> matchers.append(',').append(earlier).append("=\"\""));
            matchers.append(',').append(statusLabels.get(i)).append("=~\"5..\"");
            return metric + "{" + matchers + "}";
        }).collect(Collectors.joining(" or "));
    }

    private static String routeMatchers(MetricsProfile.Traffic t) {
        if (t.excludedRoutes().isEmpty()) {
            return "";
        }
        String excluded = escape(t.excludedRoutes().stream()
                .map(p -> p.endsWith("/") ? regexQuote(p) + ".*" : regexQuote(p) + "(/.*)?")
                .collect(Collectors.joining("|")));
        return t.routeLabels().stream().map(label -> "," + label + "!~\"" + excluded + "\"")
                .collect(Collectors.joining());
    }

    private static String openBreakers(MetricsProfile.Breakers breakers, String selector, String podLabel) {
        if (breakers == null) {
            return null;
        }
        String state = breakers.stateLabel() == null ? ""
                : "," + breakers.stateLabel() + "=~\"(?i)" + escape(regexQuote(breakers.openValue())) + "\"";
        return "count by (" + podLabel + ") (" + breakers.metric() + "{" + selector + state + "} > 0)";
    }

    private static String fill(String expression, String selector) {
        return expression.replace(MetricsProfile.Promql.SELECTOR, selector);
    }

    /** A literal for an RE2 regular expression. */
    static String regexQuote(String literal) {
        StringBuilder quoted = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
    }

    /** The inside of a PromQL double-quoted string. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
