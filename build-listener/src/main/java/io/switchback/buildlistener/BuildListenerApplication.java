package io.switchback.buildlistener;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The only HTTP ingress: build events and ops commands, authenticated, validated, acknowledged by Kafka before 202. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BuildListenerApplication {

    /** Its own configuration file, so that the four services can share one JVM (the sandbox). */
    public static final String CONFIG_NAME = "spring.config.name=build-listener,application";

    public static void main(String[] args) {
        new SpringApplicationBuilder(BuildListenerApplication.class).properties(CONFIG_NAME).run(args);
    }
}
