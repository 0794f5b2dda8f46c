package io.switchback.healthmonitor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configuration errors each watched service showed at its latest evaluation, as the gauge
 * {@code switchback_health_misconfigured{service,reason}}: 1 while the latest evaluation found it, 0 otherwise,
 * and 0 once a service has not been evaluated for a while (its watch ended), so that an alert clears by itself.
 */
public class Misconfigurations {

    private record Seen(Instant at, Set<Misconfiguration> found) {
    }

    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration forgetAfter;
    private final Map<String, Seen> latest = new ConcurrentHashMap<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public Misconfigurations(MeterRegistry meters, Clock clock, Duration evaluationInterval) {
        this.meters = meters;
        this.clock = clock;
        Duration fiveEvaluations = evaluationInterval.multipliedBy(5);
        this.forgetAfter = fiveEvaluations.compareTo(Duration.ofSeconds(10)) > 0 ? fiveEvaluations : Duration.ofSeconds(10);
    }

    /** What one evaluation of {@code service} found (nothing: all is well). */
    public void observe(String service, Set<Misconfiguration> found) {
        latest.put(service, new Seen(clock.instant(), Set.copyOf(found)));
        for (Misconfiguration m : found) {
            if (registered.add(service + "\n" + m.reason())) {
                Gauge.builder("switchback.health.misconfigured", this, self -> self.value(service, m))
                        .description("1 while a watched service's endpoints do not fit its settings (e.g. its health path answers 404)")
                        .tag("service", service).tag("reason", m.reason()).register(meters);
            }
        }
    }

    /** Whether the latest evaluation of {@code service} found {@code m}, and is recent. */
    public boolean current(String service, Misconfiguration m) {
        Seen seen = latest.get(service);
        return seen != null && seen.found().contains(m) && seen.at().isAfter(clock.instant().minus(forgetAfter));
    }

    private double value(String service, Misconfiguration m) {
        return current(service, m) ? 1 : 0;
    }
}
