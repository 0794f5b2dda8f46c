package io.switchback.sandbox.scenario;

import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentSkipped;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentSuperseded;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackFailed;
import io.switchback.events.RollbackSkipped;
import io.switchback.events.RollbackStarted;
import io.switchback.events.SwitchbackEvent;
import io.switchback.sandbox.EventTimeline;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Waits, bounded, for what became of a build or a command, as the topics tell it. */
final class Outcomes {

    private static final Duration POLL = Duration.ofMillis(100);

    private final EventTimeline timeline;

    Outcomes(EventTimeline timeline) {
        this.timeline = timeline;
    }

    /** What became of a build: skipped, switched, failed or superseded; or that nothing did within the bound. */
    String ofBuild(ScenarioLog.PostedBuild build, Duration within) {
        return poll(within, events -> {
            for (SwitchbackEvent e : events) {
                if (e instanceof DeploymentSkipped s && s.causeEventId().equals(build.eventId())) {
                    return Optional.of("skipped");
                }
            }
            return started(events, build.eventId()).flatMap(id -> end(events, id));
        }).orElse("no outcome within " + within.toSeconds() + " s");
    }

    /** The release a build became, once it started. */
    Optional<String> releaseOf(ScenarioLog.PostedBuild build, Duration within) {
        return poll(within, events -> started(events, build.eventId()));
    }

    /** Whether the release was switched to, waiting for its rollout to end. */
    boolean switched(String deploymentId, Duration within) {
        return poll(within, events -> end(events, deploymentId)).filter("switched"::equals).isPresent();
    }

    /** What happened to a switched faulty release: rolled back, or not within the bound. */
    String rollbackOf(String deploymentId, Duration within) {
        return poll(within, events -> events.stream().filter(e -> e instanceof RollbackCompleted r
                        && r.deploymentId().equals(deploymentId)).findFirst().map(e -> "rolled back"))
                .orElse("not rolled back within " + within.toSeconds() + " s");
    }

    /** How a command was answered, once it was answered for good (a started rollback is awaited). */
    String ofCommand(ScenarioLog.PostedCommand command, Duration within) {
        Optional<String> answer = poll(within, events -> events.stream().map(e -> answer(e, command.eventId()))
                .flatMap(Optional::stream).filter(a -> !a.equals("started")).findFirst());
        if (answer.isPresent()) {
            return answer.get();
        }
        return poll(Duration.ZERO, events -> events.stream().map(e -> answer(e, command.eventId()))
                .flatMap(Optional::stream).findFirst()).map(a -> a + ", not finished within " + within.toSeconds()
                + " s").orElse("no answer within " + within.toSeconds() + " s");
    }

    private static Optional<String> answer(SwitchbackEvent e, String commandId) {
        if (e instanceof RollbackCompleted r && r.cause().causeEventId().equals(commandId)) {
            return Optional.of("rolled back");
        } else if (e instanceof RollbackSkipped r && r.cause().causeEventId().equals(commandId)) {
            return Optional.of("skipped");
        } else if (e instanceof RollbackFailed r && r.cause().causeEventId().equals(commandId)) {
            return Optional.of("failed");
        } else if (e instanceof RollbackStarted r && r.cause().causeEventId().equals(commandId)) {
            return Optional.of("started");
        } else if (e instanceof DeploymentSkipped s && s.causeEventId().equals(commandId)) {
            return Optional.of("skipped");
        } else if (e instanceof DeploymentStarted s && commandId.equals(s.retryCommandId())) {
            return Optional.of("retried");
        } else if (e instanceof DeploymentStarted s && commandId.equals(s.approvalCommandId())) {
            return Optional.of("approved");
        }
        return Optional.empty();
    }

    private static Optional<String> started(List<SwitchbackEvent> events, String buildEventId) {
        return events.stream().filter(e -> e instanceof DeploymentStarted s && s.buildEventId().equals(buildEventId)
                && s.retryCommandId() == null).map(e -> ((DeploymentStarted) e).deploymentId()).findFirst();
    }

    private static Optional<String> end(List<SwitchbackEvent> events, String deploymentId) {
        for (SwitchbackEvent e : events) {
            if (e instanceof DeploymentTrafficSwitched t && t.deploymentId().equals(deploymentId)) {
                return Optional.of("switched");
            } else if (e instanceof DeploymentFailed f && f.deploymentId().equals(deploymentId)) {
                return Optional.of("failed");
            } else if (e instanceof DeploymentSuperseded s && s.deploymentId().equals(deploymentId)) {
                return Optional.of("superseded");
            }
        }
        return Optional.empty();
    }

    private <T> Optional<T> poll(Duration within, Function<List<SwitchbackEvent>, Optional<T>> look) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<SwitchbackEvent> events = timeline.entries().stream().map(EventTimeline.Entry::event).toList();
            Optional<T> found = look.apply(events);
            if (found.isPresent() || System.nanoTime() >= deadline) {
                return found;
            }
            Pause.of(POLL);
        }
    }
}
