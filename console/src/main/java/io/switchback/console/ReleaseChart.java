package io.switchback.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A release's figure over time as an inline SVG, drawn on the server: the figure per interval (one line per
 * cluster), its threshold as a dashed line, the breaches of its check as red marks with their label, and the
 * rollback. No script, no font or file from elsewhere.
 */
final class ReleaseChart {

    /** Which figure: the event field, its check's name for breaches, how it is written. */
    enum Figure {
        ERROR_RATE("error-rate", "Error rate (5xx share)", ReleaseRecord.Point::errorRate,
                ReleaseRecord.Snapshot::errorRateThreshold, v -> Figures.percent(v)),
        P95_LATENCY("p95-latency", "p95 latency", ReleaseRecord.Point::p95Ms,
                ReleaseRecord.Snapshot::p95ThresholdMs, v -> String.format(Locale.ROOT, "%.0f ms", v));

        final String check;
        final String title;
        final Function<ReleaseRecord.Point, Double> value;
        final Function<ReleaseRecord.Snapshot, Double> threshold;
        final Function<Double, String> format;

        Figure(String check, String title, Function<ReleaseRecord.Point, Double> value,
                Function<ReleaseRecord.Snapshot, Double> threshold, Function<Double, String> format) {
            this.check = check;
            this.title = title;
            this.value = value;
            this.threshold = threshold;
            this.format = format;
        }
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 240;
    private static final int LEFT = 70;
    private static final int RIGHT = 150;
    private static final int TOP = 30;
    private static final int BOTTOM = 35;
    private static final String[] SERIES = {"#0969da", "#8250df", "#bf8700", "#1b7c83"};

    private final ReleaseRecord.Snapshot release;
    private final Figure figure;
    private final Instant start;
    private final long spanMs;
    private final double top;

    private ReleaseChart(ReleaseRecord.Snapshot release, Figure figure) {
        this.release = release;
        this.figure = figure;
        List<Instant> times = new ArrayList<>();
        release.pointsByCluster().values().forEach(points -> points.forEach(p -> {
            times.add(p.from());
            times.add(p.at());
        }));
        release.markers().forEach(m -> times.add(m.at()));
        this.start = times.stream().min(Instant::compareTo).orElse(release.firstSeen());
        Instant end = times.stream().max(Instant::compareTo).orElse(start);
        this.spanMs = Math.max(1000, Duration.between(start, end).toMillis());
        double highest = release.pointsByCluster().values().stream().flatMap(List::stream).map(figure.value)
                .filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
        double threshold = figure.threshold.apply(release);
        this.top = Math.max(Double.isNaN(threshold) ? 0 : threshold, highest) * 1.25 + 1e-9;
    }

    static String svg(ReleaseRecord.Snapshot release, Figure figure) {
        return new ReleaseChart(release, figure).draw();
    }

    private String draw() {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"").append(figure.check).append("-chart\" class=\"chart\" role=\"img\" width=\"")
                .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(HEIGHT).append("\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\""
                        + " font-size=\"12\"><title>").append(Html.text(figure.title + " of " + release.deploymentId()))
                .append("</title>");
        text(svg, LEFT, 18, figure.title, "start", "#1f2328", "bold");
        axes(svg);
        threshold(svg);
        int series = 0;
        for (Map.Entry<String, List<ReleaseRecord.Point>> cluster : release.pointsByCluster().entrySet()) {
            line(svg, cluster.getKey(), cluster.getValue(), SERIES[series++ % SERIES.length]);
        }
        release.markers().forEach(marker -> marker(svg, marker));
        return svg.append("</svg>").toString();
    }

    private void axes(StringBuilder svg) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#57606a\"/>",
                LEFT, bottom, WIDTH - RIGHT, bottom));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#57606a\"/>",
                LEFT, TOP, LEFT, bottom));
        text(svg, LEFT - 6, bottom + 4, figure.format.apply(0.0), "end", "#57606a", "normal");
        text(svg, LEFT - 6, TOP + 4, figure.format.apply(top), "end", "#57606a", "normal");
        for (int i = 0; i <= 4; i++) {
            long at = spanMs * i / 4;
            text(svg, x(start.plusMillis(at)), bottom + 16, String.format(Locale.ROOT, "+%.0f s", at / 1000.0),
                    "middle", "#57606a", "normal");
        }
        text(svg, LEFT, HEIGHT - 4, "from " + Figures.time(start), "start", "#57606a", "normal");
    }

    private void threshold(StringBuilder svg) {
        double threshold = figure.threshold.apply(release);
        if (Double.isNaN(threshold)) {
            return;
        }
        double y = y(threshold);
        svg.append(String.format(Locale.ROOT, "<g class=\"threshold\"><line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
                + " stroke=\"#cf222e\" stroke-dasharray=\"6 4\"/>", LEFT, y, WIDTH - RIGHT, y));
        text(svg, WIDTH - RIGHT + 6, y + 4, "threshold " + figure.format.apply(threshold), "start", "#cf222e",
                "normal");
        svg.append("</g>");
    }

    private void line(StringBuilder svg, String cluster, List<ReleaseRecord.Point> points, String colour) {
        StringBuilder path = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (ReleaseRecord.Point point : points) {
            Double value = figure.value.apply(point);
            if (value == null) {
                continue;
            }
            double x = x(point.at());
            double y = y(value);
            path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>",
                    x, y, colour)).append(Html.text(Figures.clock(point.at()) + " " + figure.format.apply(value)
                            + " over " + point.requests() + " requests" + (cluster.isEmpty() ? "" : " in " + cluster)))
                    .append("</title></circle>");
        }
        svg.append("<g class=\"series\" data-cluster=\"").append(Html.text(cluster)).append("\">");
        if (!path.isEmpty()) {
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\"/>");
        }
        svg.append(dots).append("</g>");
    }

    /** A breach of this chart's check, or a rollback: a vertical mark with its label. */
    private void marker(StringBuilder svg, ReleaseRecord.Marker marker) {
        boolean breach = "breach".equals(marker.kind());
        if (breach && !figure.check.equals(marker.check()) || "rollback-started".equals(marker.kind())) {
            return;
        }
        String colour = breach ? "#cf222e" : "#1a7f37";
        double x = x(marker.at());
        svg.append("<g class=\"").append(breach ? "breach" : "rollback").append("\">");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\""
                + " stroke-width=\"2\"/>", x, TOP, x, HEIGHT - BOTTOM, colour));
        if (breach) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"%s\"/>", x, TOP, colour));
        }
        // a label past the middle reads leftwards, so that it stays inside the chart
        boolean late = x > LEFT + (WIDTH - LEFT - RIGHT) / 2.0;
        text(svg, late ? x - 6 : x + 6, breach ? TOP + 14 : TOP + 30, marker.label() + " at "
                + Figures.clock(marker.at()), late ? "end" : "start", colour, "bold");
        svg.append("</g>");
    }

    private double x(Instant at) {
        return LEFT + (double) Duration.between(start, at).toMillis() / spanMs * (WIDTH - LEFT - RIGHT);
    }

    private double y(double value) {
        return HEIGHT - BOTTOM - value / top * (HEIGHT - TOP - BOTTOM);
    }

    private static void text(StringBuilder svg, double x, double y, String text, String anchor, String colour,
            String weight) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"%s\""
                + " font-weight=\"%s\">", x, y, anchor, colour, weight)).append(Html.text(text)).append("</text>");
    }
}
