package io.switchback.buildlistener;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The only HTTP ingress: build events and ops commands, authenticated, validated, acknowledged by Kafka before 202. */
@SpringBootApplication
public class BuildListenerApplication {

    public static void main(String[] args) {
        SpringApplication.run(BuildListenerApplication.class, args);
    }
}
