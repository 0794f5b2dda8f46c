package io.switchback.rollbackcontroller;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Acts on breaches and rollback commands: switches traffic back to the previous colour, safely and fast. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RollbackControllerApplication {

    /** Its own configuration file, so that the four services can share one JVM (the sandbox). */
    public static final String CONFIG_NAME = "spring.config.name=rollback-controller,application";

    public static void main(String[] args) {
        new SpringApplicationBuilder(RollbackControllerApplication.class).properties(CONFIG_NAME).run(args);
    }
}
