package io.switchback.deployer;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the deployer rolls out in its environment ({@code switchback.deployer.*}).
 *
 * @param branches              builds of these branches deploy (staging: main)
 * @param progressDeadline      how long the idle colour may take to become ready
 * @param rollbackWindow        how long the previous colour stays warm after a switch (the soak)
 * @param preSwitchHealthPath   GET on every new pod before the switch; empty to skip
 * @param soakCheckInterval     how often ended rollback windows are looked for
 */
@Validated
@ConfigurationProperties("switchback.deployer")
public record DeployerProperties(
        @NotEmpty @DefaultValue("main") List<String> branches,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("120s") Duration progressDeadline,
        @NotNull @DefaultValue("15m") Duration rollbackWindow,
        @NotNull @DefaultValue("/actuator/health") String preSwitchHealthPath,
        @NotNull @DurationMin(millis = 100) @DefaultValue("10s") Duration soakCheckInterval) {
}
