package io.switchback.deployer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns builds into blue-green rollouts through the Kubernetes API. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DeployerApplication {

    /** Its own configuration file, so that the four services can share one JVM (the sandbox). */
    public static final String CONFIG_NAME = "spring.config.name=deployer,application";

    public static void main(String[] args) {
        new SpringApplicationBuilder(DeployerApplication.class).properties(CONFIG_NAME).run(args);
    }
}
