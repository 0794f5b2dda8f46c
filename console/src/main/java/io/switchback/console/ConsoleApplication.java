package io.switchback.console;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The read-only status page: builds its view from the topics at start, keeps it in memory, serves it over GET. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

    /** Its own configuration file, so that it can share one JVM with the services (the sandbox). */
    public static final String CONFIG_NAME = "spring.config.name=console,application";

    public static void main(String[] args) {
        new SpringApplicationBuilder(ConsoleApplication.class).properties(CONFIG_NAME).run(args);
    }
}
