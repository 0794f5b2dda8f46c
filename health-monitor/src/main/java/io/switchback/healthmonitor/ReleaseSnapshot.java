package io.switchback.healthmonitor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The live colour's ready pods as seen at one instant. */
public record ReleaseSnapshot(Instant at, Map<String, PodSample> pods) {

    public ReleaseSnapshot {
        pods = Map.copyOf(pods);
    }

    public static ReleaseSnapshot of(Instant at, List<PodSample> pods) {
        return new ReleaseSnapshot(at, pods.stream().collect(Collectors.toMap(PodSample::pod, Function.identity())));
    }

    public Optional<PodMetrics> metricsOf(String pod) {
        PodSample sample = pods.get(pod);
        return sample == null ? Optional.empty() : Optional.ofNullable(sample.metrics());
    }
}
