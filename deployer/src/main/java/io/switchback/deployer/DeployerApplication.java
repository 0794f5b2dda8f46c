package io.switchback.deployer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Turns builds and commands into blue-green rollouts through the Kubernetes API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DeployerApplication {

    /** Its own configuration file, so that the four services can share one JVM (the sandbox). */
    public static final String CONFIG_NAME = "spring.config.name=deployer,application";

    public static void main(String[] args) {
        new SpringApplicationBuilder(DeployerApplication.class).properties(CONFIG_NAME).run(args);
    }
}
