package io.switchback.healthmonitor;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Evaluates live releases against the rollback triggers; emits breaches, recoveries and inconclusive verdicts. */
@SpringBootApplication
@EnableConfigurationProperties(HealthProperties.class)
public class HealthMonitorApplication {

    /** Its own configuration file name, so that the four services can share one JVM (the sandbox). */
    public static final String CONFIG_NAME = "spring.config.name=health-monitor,application";

    public static void main(String[] args) {
        builder().run(args);
    }

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(HealthMonitorApplication.class).properties(CONFIG_NAME);
    }
}
