package io.switchback.sandbox.scenario;

import io.switchback.sandbox.EventTimeline;
import io.switchback.sandbox.TrafficRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What really happened, as of {@code now}: every response of the traffic, every event on the topics, every
 * version of the cluster's Services and Deployments, and what the scenario posted. The invariants are
 * checked against this, never against the services' own logs.
 *
 * @param start    when the scenario began; traffic before it (the sandbox warming up) is not judged
 * @param finished whether the scenario is over: what is still pending is then judged as it stands
 */
public record Ground(Instant start, Instant now, boolean finished, List<TrafficRecord> traffic,
        List<EventTimeline.Entry> events, List<ClusterHistory.ServiceVersion> services,
        List<ClusterHistory.DeploymentVersion> deployments, ScenarioLog log, Timings timings) {

    /** The compressed timings the services run with, and the bounds the invariants hold them to. */
    public record Timings(Duration progressDeadline, Duration soak, Duration rto, Duration margin) {
    }

    public boolean overdue(Instant due) {
        return now.isAfter(due);
    }
}
