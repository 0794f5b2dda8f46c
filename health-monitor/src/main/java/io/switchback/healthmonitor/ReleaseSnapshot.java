package io.switchback.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The live colour as seen at one instant: what its ready pods answered ({@code pods}), and what Kubernetes says
 * of every pod of the colour and of its Deployment.
 *
 * @param pods            the samples of the ready pods, by pod name
 * @param podStates       every pod of the colour that is not terminating, ready or not
 * @param desiredReplicas the live Deployment's desired replicas; null when there is no Deployment to ask
 * @param metricsAge      how old the pods' metrics were (a Prometheus server's scrape lag); null when they were
 *                        read from the pods at {@code at}
 */
public record ReleaseSnapshot(Instant at, Map<String, PodSample> pods, List<PodState> podStates,
        Integer desiredReplicas, Duration metricsAge) {

    public ReleaseSnapshot {
        pods = Map.copyOf(pods);
        podStates = List.copyOf(podStates);
    }

    public ReleaseSnapshot(Instant at, Map<String, PodSample> pods, List<PodState> podStates, Integer desiredReplicas) {
        this(at, pods, podStates, desiredReplicas, null);
    }

    /** This snapshot, its metrics {@code age} old. */
    public ReleaseSnapshot withMetricsAge(Duration age) {
        return new ReleaseSnapshot(at, pods, podStates, desiredReplicas, age);
    }

    public static ReleaseSnapshot of(Instant at, List<PodSample> samples, List<PodState> podStates,
            Integer desiredReplicas) {
        return new ReleaseSnapshot(at, samples.stream().collect(Collectors.toMap(PodSample::pod, Function.identity())),
                podStates, desiredReplicas);
    }

    /** A colour whose sampled pods are all its pods, ready and never restarted, as many as desired. */
    public static ReleaseSnapshot of(Instant at, List<PodSample> samples) {
        return of(at, samples, samples.stream().map(s -> PodState.serving(s.pod())).toList(), samples.size());
    }

    public Optional<PodMetrics> metricsOf(String pod) {
        PodSample sample = pods.get(pod);
        return sample == null ? Optional.empty() : Optional.ofNullable(sample.metrics());
    }
}
