package io.switchback.rollbackcontroller;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param readyTimeout how long a scaled-down previous colour may take to become ready again; traffic
 *                     never moves to pods that are not ready
 */
@Validated
@ConfigurationProperties("switchback.rollback")
public record RollbackProperties(@NotNull @DurationMin(seconds = 1) @DefaultValue("60s") Duration readyTimeout) {
}
