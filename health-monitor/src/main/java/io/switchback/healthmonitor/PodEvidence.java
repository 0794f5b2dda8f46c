package io.switchback.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The pods of one watched release over its evaluations: pods that are down are evidence, not missing data.
 * A pod is down when it answers its health endpoint with other than 2xx, when its containers restarted since the
 * watch started, or when it has not been ready for longer than the grace (since the Ready condition's
 * {@code lastTransitionTime}); desired replicas missing for longer than the grace count as down too. A ready pod
 * that does not answer is missing data. A pod that appeared after the watch started and has not been ready yet
 * is starting (a replacement, e.g. after an eviction), not down, unless no pod of the colour is ready.
 * Pure: it reads nothing and keeps only what the snapshots told it.
 */
public final class PodEvidence {

    private static final int NAMES_SHOWN = 5;

    private final Duration grace;
    private Map<String, Integer> restartsAtStart;
    private final Set<String> served = new HashSet<>();
    private Instant shortSince;

    public PodEvidence(Duration grace) {
        this.grace = grace;
    }

    /** Judges the pods of one snapshot; remembers the restart counts of the first and which pods were ready. */
    public PodHealth observe(ReleaseSnapshot snapshot) {
        if (restartsAtStart == null) {
            restartsAtStart = new HashMap<>();
            snapshot.podStates().forEach(pod -> restartsAtStart.put(pod.name(), pod.restarts()));
            // the deployer switched to a ready colour: the pods there at the start were serving
            snapshot.podStates().forEach(pod -> served.add(pod.name()));
        }
        snapshot.podStates().stream().filter(PodState::ready).forEach(pod -> served.add(pod.name()));
        boolean noneReady = snapshot.podStates().stream().noneMatch(PodState::ready);
        Tally tally = new Tally(snapshot.podStates().size(), grace);
        for (PodState pod : snapshot.podStates()) {
            judge(pod, snapshot, noneReady, tally);
        }
        missing(snapshot, tally);
        return tally.health();
    }

    private void judge(PodState pod, ReleaseSnapshot snapshot, boolean noneReady, Tally tally) {
        int restarted = pod.restarts() - restartsAtStart.getOrDefault(pod.name(), 0);
        if (restarted > 0) {
            tally.restarted(pod.name(), pod.name() + " restarted " + restarted + (restarted == 1 ? " time" : " times"));
        }
        if (!pod.ready()) {
            notReady(pod, snapshot.at(), noneReady, tally);
            return;
        }
        PodSample sample = snapshot.pods().get(pod.name());
        if (sample != null && sample.probed()) {
            tally.answered(pod.name(), sample.healthy());
        } else if (sample != null && sample.misconfiguration() != null) {
            tally.misconfigured(pod.name(), sample.misconfiguration());
        }
    }

    private void notReady(PodState pod, Instant at, boolean noneReady, Tally tally) {
        if (pod.notReadySince() == null) {
            tally.withoutVerdict.add(pod.name() + " is not ready since a time the cluster did not give");
            return;
        }
        Duration notReady = Duration.between(pod.notReadySince(), at);
        if (notReady.compareTo(grace) <= 0) {
            tally.pending(pod.name(), notReady);
        } else if (noneReady || served.contains(pod.name())) {
            tally.notReady(pod.name(), notReady);
        }
    }

    private void missing(ReleaseSnapshot snapshot, Tally tally) {
        Integer desired = snapshot.desiredReplicas();
        int present = snapshot.podStates().size();
        if (desired == null || present >= desired) {
            shortSince = null;
            return;
        }
        shortSince = shortSince == null ? snapshot.at() : shortSince;
        Duration shortFor = Duration.between(shortSince, snapshot.at());
        String what = (desired - present) + " of " + desired + " desired pods missing for " + seconds(shortFor);
        if (shortFor.compareTo(grace) > 0) {
            tally.missing(desired - present, what);
        } else {
            tally.shortWithinGrace(what + ", within the " + seconds(grace) + " grace");
        }
    }

    /** One evaluation's findings, pod by pod. */
    private static final class Tally {
        private final int pods;
        private final Duration grace;
        private final Set<String> down = new LinkedHashSet<>();
        private final List<String> notReady = new ArrayList<>();
        private Duration notReadyAtLeast;
        private final List<String> restarts = new ArrayList<>();
        private final List<String> failingEndpoint = new ArrayList<>();
        private final List<String> pending = new ArrayList<>();
        private Duration pendingAtMost = Duration.ZERO;
        private final Set<String> healthy = new HashSet<>();
        private int missing;
        private String missingWhat;
        private String shortWithinGrace;
        private final List<String> withoutVerdict = new ArrayList<>();
        private final Map<String, List<String>> misconfigured = new LinkedHashMap<>();

        Tally(int pods, Duration grace) {
            this.pods = pods;
            this.grace = grace;
        }

        void restarted(String pod, String why) {
            down.add(pod);
            restarts.add(why);
        }

        void notReady(String pod, Duration since) {
            down.add(pod);
            notReady.add(pod);
            notReadyAtLeast = notReadyAtLeast == null || since.compareTo(notReadyAtLeast) < 0 ? since : notReadyAtLeast;
        }

        void pending(String pod, Duration since) {
            pending.add(pod);
            pendingAtMost = since.compareTo(pendingAtMost) > 0 ? since : pendingAtMost;
        }

        void answered(String pod, boolean ok) {
            if (ok) {
                healthy.add(pod);
            } else {
                down.add(pod);
                failingEndpoint.add(pod);
            }
        }

        /** Not down, not healthy: the endpoint is not there (a 404), which is the settings' fault, not the pod's. */
        void misconfigured(String pod, String what) {
            misconfigured.computeIfAbsent(what, w -> new ArrayList<>()).add(pod);
        }

        void shortWithinGrace(String what) {
            shortWithinGrace = what;
        }

        void missing(int count, String what) {
            missing = count;
            missingWhat = what;
        }

        PodHealth health() {
            healthy.removeAll(down);
            int judged = down.size() + missing + healthy.size();
            return new PodHealth(down.size() + missing, judged, findings(),
                    judged > 0 ? "" : String.join("; ", noVerdict()),
                    judged == 0 && (!pending.isEmpty() || shortWithinGrace != null));
        }

        private String findings() {
            List<String> parts = new ArrayList<>();
            if (!notReady.isEmpty()) {
                parts.add(notReady.size() + " of " + pods + " pods not ready for " + seconds(notReadyAtLeast)
                        + " or more: " + names(notReady));
            }
            parts.addAll(restarts);
            if (!failingEndpoint.isEmpty()) {
                parts.add(failingEndpoint.size() + " of " + pods + " pods fail their health endpoint: "
                        + names(failingEndpoint));
            }
            if (missingWhat != null) {
                parts.add(missingWhat);
            }
            return String.join("; ", parts);
        }

        private List<String> noVerdict() {
            List<String> reasons = new ArrayList<>();
            misconfigured.forEach((what, on) -> reasons.add("configuration error, not a failure: " + what + " on "
                    + names(on) + " (set the service's health-path, see docs/health-monitor.md)"));
            if (!pending.isEmpty()) {
                reasons.add(pending.size() + " of " + pods + " pods not ready for " + seconds(pendingAtMost)
                        + ", within the " + seconds(grace) + " grace: " + names(pending));
            }
            if (shortWithinGrace != null) {
                reasons.add(shortWithinGrace);
            }
            reasons.addAll(withoutVerdict);
            if (reasons.isEmpty()) {
                reasons.add(pods == 0 ? "no pod of the live colour"
                        : "no ready pod of the live colour answered its health endpoint");
            }
            return reasons;
        }

        private static String names(List<String> pods) {
            if (pods.size() <= NAMES_SHOWN) {
                return String.join(", ", pods);
            }
            return String.join(", ", pods.subList(0, NAMES_SHOWN)) + " and " + (pods.size() - NAMES_SHOWN) + " more";
        }
    }

    /** Whole seconds as such ("6 s"), anything finer to a tenth ("0.5 s"). */
    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
