package io.switchback.console;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the status page keeps in memory ({@code switchback.console.*}); everything else it reads from the topics.
 *
 * @param timelineLength    the latest events kept (and shown) per environment
 * @param releasesKept      the latest releases kept per environment, each with its chart
 * @param pointsPerRelease  the latest {@code health.evidence} figures kept per release and cluster
 */
@Validated
@ConfigurationProperties("switchback.console")
public record ConsoleProperties(
        @Min(value = 1, message = "must be at least 1") @DefaultValue("200") int timelineLength,
        @Min(value = 1, message = "must be at least 1") @DefaultValue("50") int releasesKept,
        @Min(value = 2, message = "must be at least 2") @DefaultValue("720") int pointsPerRelease) {
}
