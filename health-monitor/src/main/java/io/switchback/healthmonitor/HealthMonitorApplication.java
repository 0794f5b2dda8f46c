package io.switchback.healthmonitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Evaluates live releases against the rollback triggers; emits breaches, recoveries and inconclusive verdicts. */
@SpringBootApplication
public class HealthMonitorApplication {

    public static void main(String[] args) {
        SpringApplication.run(HealthMonitorApplication.class, args);
    }
}
