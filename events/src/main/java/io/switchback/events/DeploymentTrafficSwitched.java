package io.switchback.events;

import java.time.Instant;

@Doc("The Service selector now points at the new colour.")
public record DeploymentTrafficSwitched(
        @Doc(value = "Unique id of this event; also its CloudEvents id.", pattern = FieldPatterns.ID) String eventId,
        @Doc("When the event happened (ISO-8601, UTC); also its CloudEvents time.") Instant occurredAt,
        @Doc(value = "The environment, e.g. staging or production.", pattern = FieldPatterns.NAME) String environment,
        @Doc(value = "The service being deployed, as named in Kubernetes.", pattern = FieldPatterns.NAME) String service,
        @Doc(value = "The release this event is about.", pattern = FieldPatterns.ID) String deploymentId,
        @Doc("The colour now serving traffic.") Color liveColor,
        @Doc(value = "The image now serving traffic.", pattern = FieldPatterns.IMAGE) String liveImage,
        @Doc(value = "The colour that served before, kept warm for rollback.", optional = true) Color previousColor,
        @Doc(value = "The image that served before.", optional = true, pattern = FieldPatterns.IMAGE) String previousImage,
        @Doc("Until when the previous colour stays warm for an instant rollback.") Instant rollbackWindowEndsAt,
        @Doc(value = "The pre-swap hook that succeeded before the switch; absent when the service has none.",
                optional = true) HookRun preSwapHook) implements ReleaseEvent {
}
