package io.switchback.events;

import java.time.Instant;

@Doc("A rollout failed or was cancelled; traffic stayed where it was. The idle colour is scaled down, unless a "
        + "rollback took it to restore the previous release.")
public record DeploymentFailed(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc(value = "The image that failed to roll out.", pattern = FieldPatterns.IMAGE) String image,
        @Doc("The step that failed.") DeploymentStage stage,
        @Doc("What went wrong, for a person.") String reason,
        @Doc(value = "The colour still serving traffic; absent if none ever did.", optional = true) Color trafficColor,
        @Doc(value = "The pre-swap hook, when the rollout failed at it (stage pre-swap-hook).", optional = true)
        HookRun preSwapHook) implements ReleaseEvent {
}
