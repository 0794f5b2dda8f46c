package io.switchback.rollbackcontroller;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Acts on breaches and rollback commands: switches traffic back to the previous colour, safely and fast. */
@SpringBootApplication
public class RollbackControllerApplication {

    public static void main(String[] args) {
        SpringApplication.run(RollbackControllerApplication.class, args);
    }
}
