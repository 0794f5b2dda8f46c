package io.switchback.healthmonitor;

import io.switchback.events.HealthCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The detection table of docs/health-monitor.md: the real evaluator with the default rules against simulated
 * releases (see {@link SimulatedRelease}), for error-rate and latency faults present from the switch, at 5, 50 and
 * 500 requests/s; the delay of the optimal CUSUM for each cell ({@link OptimalCusum}); and false breaches over
 * service-hours at the healthy baselines. Not in the default suite (no Test suffix); run it with
 * <pre>
 *   nice -n 19 ./mvnw -B -ntp -o test -pl health-monitor -am -Djacoco.skip=true -Dtest=DetectionTable \
 *       -Dsurefire.failIfNoSpecifiedTests=false [-Ddetection.runs=400] [-Ddetection.hours=10000]
 * </pre>
 * It prints the table to health-monitor/target/detection-table.md (and the test's output file).
 */
class DetectionTable {

    static final int[] TRAFFIC = {5, 50, 500};
    static final double[] ERROR_FAULTS = {0.015, 0.02, 0.03, 0.05, 0.10, 0.50};
    static final double[] SLOW_FAULTS = {0.075, 0.10, 0.15, 0.25, 0.50, 0.75};
    static final int CAP = 3_600;
    static final double RTO = 60;

    final HealthRules rules = DetectionSimulationTest.DEFAULTS;
    final int runs = Integer.getInteger("detection.runs", 400);
    final int hours = Integer.getInteger("detection.hours", 10_000);
    final StringBuilder out = new StringBuilder();

    @Test
    void printTheTable() throws IOException {
        line("Default rules (%s), %d seeded runs per cell, faults present from the first second; the other share at"
                + " its baseline.%n", describe(rules), runs);
        cells(HealthCheck.ERROR_RATE, "error rate", ERROR_FAULTS, DetectionSimulationTest.HEALTHY_ERRORS);
        cells(HealthCheck.P95_LATENCY, "slow share", SLOW_FAULTS, DetectionSimulationTest.HEALTHY_SLOW);
        nearTheThreshold();
        falseAlarms();
        Path table = Path.of("target", "detection-table.md");
        Files.writeString(table, out);
        System.out.print(out);
    }

    private void cells(HealthCheck check, String what, double[] faults, double baseline) {
        line("%n| %s | traffic | median | p95 | mean | optimal CUSUM | mean / optimal | within the 60 s RTO |%n", what);
        line("|---|---|---|---|---|---|---|---|%n");
        for (double fault : faults) {
            for (int traffic : TRAFFIC) {
                int[] seconds = delays(check, fault, traffic);
                double mean = Arrays.stream(seconds).average().orElseThrow();
                double bound = OptimalCusum.of(baseline, fault, traffic, rules.evaluationsPerFalseAlarm()).expectedDelay();
                line("| %s | %d/s | %d s | %d s | %.1f s | %.1f s | %.2f | %s |%n", ShareCheck.share(fault), traffic,
                        seconds[seconds.length / 2], seconds[(int) Math.ceil(seconds.length * 0.95) - 1], mean, bound,
                        mean / bound, bound <= RTO ? "yes" : "no method can on average: needs "
                                + trafficNeeded(baseline, fault) + " requests/s");
            }
        }
    }

    /** Seconds to the check's first breach in each run, sorted; a run that never breached counts as the cap. */
    private int[] delays(HealthCheck check, double fault, int traffic) {
        int[] seconds = new int[runs];
        for (int seed = 0; seed < runs; seed++) {
            SimulatedRelease release = new SimulatedRelease(rules, traffic, new SplittableRandom(seed));
            double errors = check == HealthCheck.ERROR_RATE ? fault : DetectionSimulationTest.HEALTHY_ERRORS;
            double slow = check == HealthCheck.P95_LATENCY ? fault : DetectionSimulationTest.HEALTHY_SLOW;
            while (release.firstBreach(check).isEmpty() && release.seconds() < CAP) {
                release.second(errors, slow);
            }
            seconds[seed] = release.firstBreach(check).orElse(CAP);
        }
        Arrays.sort(seconds);
        return seconds;
    }

    /** Error rates between the baseline and the threshold, and just above it, at 50 requests/s: how soon they breach. */
    private void nearTheThreshold() {
        int nearRuns = Math.max(1, runs / 8);
        int day = 86_400;
        line("%nNear the threshold, 50 requests/s, %d runs of up to a day each:%n%n", nearRuns);
        line("| error rate | breached within 1 h | within 24 h | median time to breach |%n|---|---|---|---|%n");
        for (double share : new double[] {0.0075, 0.01, 0.0125}) {
            int[] seconds = new int[nearRuns];
            for (int seed = 0; seed < nearRuns; seed++) {
                SimulatedRelease release = new SimulatedRelease(rules, 50, new SplittableRandom(seed));
                while (release.firstBreach(HealthCheck.ERROR_RATE).isEmpty() && release.seconds() < day) {
                    release.second(share, DetectionSimulationTest.HEALTHY_SLOW);
                }
                seconds[seed] = release.firstBreach(HealthCheck.ERROR_RATE).orElse(Integer.MAX_VALUE);
            }
            Arrays.sort(seconds);
            int median = seconds[nearRuns / 2];
            line("| %s | %d of %d | %d of %d | %s |%n", ShareCheck.share(share), Arrays.stream(seconds)
                    .filter(s -> s <= 3600).count(), nearRuns, Arrays.stream(seconds).filter(s -> s <= day).count(),
                    nearRuns, median == Integer.MAX_VALUE ? "over a day" : median + " s");
        }
    }

    /** The least traffic at which the optimal CUSUM's expected delay is within the RTO. */
    private int trafficNeeded(double baseline, double fault) {
        int low = 1;
        int high = 1;
        while (OptimalCusum.of(baseline, fault, high, rules.evaluationsPerFalseAlarm()).expectedDelay() > RTO) {
            low = high;
            high *= 2;
        }
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (OptimalCusum.of(baseline, fault, mid, rules.evaluationsPerFalseAlarm()).expectedDelay() > RTO) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return high;
    }

    private void falseAlarms() {
        line("%nFalse breaches at the healthy baselines (%s errors, %s slower than 500 ms), %d service-hours per"
                + " traffic; after a breach a fresh release carries on:%n%n", ShareCheck.share(
                DetectionSimulationTest.HEALTHY_ERRORS), ShareCheck.share(DetectionSimulationTest.HEALTHY_SLOW), hours);
        line("| traffic | service-hours | error-rate breaches | p95-latency breaches | budget (1 per month, half each) |%n");
        line("|---|---|---|---|---|%n");
        for (int traffic : TRAFFIC) {
            List<Integer> counts = falseBreaches(traffic);
            line("| %d/s | %d | %d | %d | %.1f each |%n", traffic, hours, counts.get(0), counts.get(1),
                    hours / (30.0 * 24) / 2);
        }
    }

    private List<Integer> falseBreaches(int traffic) {
        SplittableRandom random = new SplittableRandom(traffic * 7919L);
        SimulatedRelease release = new SimulatedRelease(rules, traffic, random);
        int errors = 0;
        int latency = 0;
        for (long t = 0; t < hours * 3600L; t++) {
            boolean breached = false;
            for (Verdict verdict : release.second(DetectionSimulationTest.HEALTHY_ERRORS,
                    DetectionSimulationTest.HEALTHY_SLOW)) {
                if (verdict.kind() == Verdict.Kind.BREACHED) {
                    breached = true;
                    errors += verdict.result().check() == HealthCheck.ERROR_RATE ? 1 : 0;
                    latency += verdict.result().check() == HealthCheck.P95_LATENCY ? 1 : 0;
                }
            }
            release = breached ? new SimulatedRelease(rules, traffic, random) : release;
        }
        return new ArrayList<>(List.of(errors, latency));
    }

    private static String describe(HealthRules rules) {
        return String.format(Locale.ROOT, "error rate: threshold %s, baseline %s; p95 %d ms: baseline %s slower;"
                + " %.3g false alarms/month; evaluation every %d ms", ShareCheck.share(rules.errorRateThreshold()),
                ShareCheck.share(rules.errorRateBaseline()), rules.p95Threshold().toMillis(),
                ShareCheck.share(rules.slowShareBaseline()), rules.falseAlarmsPerMonth(),
                rules.evaluationInterval().toMillis());
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args));
    }
}
