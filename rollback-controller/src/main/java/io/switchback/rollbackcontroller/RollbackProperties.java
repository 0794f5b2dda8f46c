package io.switchback.rollbackcontroller;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the rollback controller acts ({@code switchback.rollback.*}).
 *
 * @param readyTimeout   how long the previous colour may take to become ready again when it must be scaled
 *                       up or put back; traffic never moves to pods that are not ready
 * @param maxBreachAge   a breach older than this is answered, not acted on (a new consumer group reading
 *                       old verdicts, a controller down for long)
 * @param maxCommandAge  a rollback command older than this is answered, not acted on
 * @param repairInterval how often owned Services are looked at for events to publish and rollbacks whose
 *                       controller died, and their rollback hooks for ends to report
 * @param hookDeadline   the longest a service's rollback hook Job may run (its activeDeadlineSeconds, unless its
 *                       template sets less); still running then, it is reported timed out
 */
@Validated
@ConfigurationProperties("switchback.rollback")
public record RollbackProperties(
        @NotNull @DurationMin(seconds = 1) @DefaultValue("60s") Duration readyTimeout,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("5m") Duration maxBreachAge,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("10m") Duration maxCommandAge,
        @NotNull @DurationMin(millis = 100) @DefaultValue("1s") Duration repairInterval,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("5m") Duration hookDeadline) {
}
