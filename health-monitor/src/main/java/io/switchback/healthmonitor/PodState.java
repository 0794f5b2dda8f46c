package io.switchback.healthmonitor;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What Kubernetes says of one pod: whether it is {@code Ready}, since when it is not (the Ready condition's
 * {@code lastTransitionTime}, so the monitor keeps no timers of its own), and how often its containers restarted.
 *
 * @param notReadySince when the pod stopped being ready (or, without a Ready condition, was created); null when
 *                      it is ready or the cluster gave no time
 * @param restarts      the containers' {@code restartCount}, summed
 */
public record PodState(String name, boolean ready, Instant notReadySince, int restarts) {

    /** A pod that is ready and never restarted. */
    public static PodState serving(String name) {
        return new PodState(name, true, null, 0);
    }

    public static PodState of(Pod pod) {
        Optional<PodCondition> condition = readyCondition(pod);
        boolean ready = condition.map(c -> "True".equals(c.getStatus())).orElse(false);
        Instant since = ready ? null : condition.map(PodCondition::getLastTransitionTime)
                .or(() -> Optional.ofNullable(pod.getMetadata().getCreationTimestamp()))
                .flatMap(PodState::instant).orElse(null);
        List<ContainerStatus> containers = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
        int restarts = containers == null ? 0 : containers.stream().map(ContainerStatus::getRestartCount)
                .filter(Objects::nonNull).mapToInt(Integer::intValue).sum();
        return new PodState(pod.getMetadata().getName(), ready, since, restarts);
    }

    /** Whether the pod is on its way out: it no longer counts for the colour. */
    public static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    static boolean isReady(Pod pod) {
        return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    private static Optional<PodCondition> readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    private static Optional<Instant> instant(String value) {
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
