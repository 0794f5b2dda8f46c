package io.switchback.console;

import io.switchback.events.HealthBreached;
import io.switchback.events.HealthEvidence;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One release as the topics tell it: what it runs, its figures per cluster for the chart, its breaches and its end.
 * Mutable, owned by {@link StatusView} under its lock; pages get a {@link Snapshot}.
 */
final class ReleaseRecord {

    /** A mark on the chart: a breach or a rollback, when, and what it says. */
    record Marker(Instant at, String kind, String check, String label, String cluster) {
    }

    /** One interval's figures from one cluster. */
    record Point(Instant from, Instant at, long requests, Double errorRate, Double p95Ms, String cluster) {
    }

    /**
     * Where a release stands, for a pipeline that waits on it (the build API): its phase, one of rolling out,
     * switched, breached, stable, rolled back, rollback failed, failed, superseded, live again; and when the
     * traffic first switched to it, when a check first breached, when the traffic was restored from it.
     */
    record Progress(String environment, String service, String deploymentId, String image, String phase,
            String outcome, Instant switchedAt, Instant breachedAt, Instant restoredAt) {
    }

    record Snapshot(String deploymentId, String environment, String service, String image, String color,
            String outcome, Instant firstSeen, double errorRateThreshold, double p95ThresholdMs,
            Map<String, List<Point>> pointsByCluster, List<Marker> markers) {

        boolean hasFigures() {
            return pointsByCluster.values().stream().anyMatch(p -> !p.isEmpty());
        }
    }

    private final String deploymentId;
    private final String environment;
    private final String service;
    private final Instant firstSeen;
    private final int pointsKept;
    private String image;
    private String color;
    private String outcome = "in progress";
    private String phase = "rolling out";
    private Instant switchedAt;
    private Instant breachedAt;
    private Instant restoredAt;
    private double errorRateThreshold = Double.NaN;
    private double p95ThresholdMs = Double.NaN;
    private final Map<String, Deque<Point>> points = new LinkedHashMap<>();
    private final List<Marker> markers = new ArrayList<>();

    ReleaseRecord(String deploymentId, String environment, String service, Instant firstSeen, int pointsKept) {
        this.deploymentId = deploymentId;
        this.environment = environment;
        this.service = service;
        this.firstSeen = firstSeen;
        this.pointsKept = pointsKept;
    }

    void runs(String image, String color) {
        if (image != null) {
            this.image = image;
        }
        if (color != null) {
            this.color = color;
        }
    }

    /** @param phase the outcome's kind, as {@link Progress#phase()} names it */
    void ended(String outcome, String phase) {
        this.outcome = outcome;
        this.phase = phase;
    }

    void switched(Instant at) {
        if (switchedAt == null) {
            switchedAt = at;
            phase = "in progress".equals(outcome) ? "switched" : phase;
        }
    }

    void restored(Instant at) {
        restoredAt = restoredAt == null ? at : restoredAt;
    }

    void evidence(HealthEvidence e, String cluster) {
        errorRateThreshold = e.errorRateThreshold();
        p95ThresholdMs = e.p95ThresholdMs();
        runs(e.image(), e.color().wire());
        Deque<Point> series = points.computeIfAbsent(cluster, c -> new ArrayDeque<>());
        series.addLast(new Point(e.intervalStart(), e.occurredAt(), e.requests(), e.errorRate(), e.p95Ms(), cluster));
        while (series.size() > pointsKept) {
            series.removeFirst();
        }
    }

    void breached(HealthBreached b, String cluster) {
        String label = "breach: %s %s > %s".formatted(b.check().wire(), Figures.of(b.observed(), b.unit()),
                Figures.of(b.threshold(), b.unit()));
        markers.add(new Marker(b.occurredAt(), "breach", b.check().wire(), label, cluster));
        outcome = "breached (" + b.check().wire() + ")";
        phase = "breached";
        breachedAt = breachedAt == null ? b.occurredAt() : breachedAt;
    }

    void mark(Instant at, String kind, String label, String cluster) {
        markers.add(new Marker(at, kind, null, label, cluster));
    }

    String environment() {
        return environment;
    }

    Instant firstSeen() {
        return firstSeen;
    }

    Progress progress() {
        return new Progress(environment, service, deploymentId, image, phase, outcome, switchedAt, breachedAt,
                restoredAt);
    }

    Snapshot snapshot() {
        Map<String, List<Point>> series = new LinkedHashMap<>();
        points.forEach((cluster, p) -> series.put(cluster, List.copyOf(p)));
        return new Snapshot(deploymentId, environment, service, image, color, outcome, firstSeen, errorRateThreshold,
                p95ThresholdMs, series, List.copyOf(markers));
    }
}
