package io.switchback.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/** A wrong or missing setting stops start-up, and what the operator reads names the key. */
@ExtendWith(OutputCaptureExtension.class)
class StartupValidationTest {

    @Test
    void missingBootstrapServersStopsStartupNamingTheKeyAndTheVariable(CapturedOutput output) {
        assertThatThrownBy(() -> start("--switchback.kafka.bootstrap-servers=")).isNotNull();
        assertThat(output).contains("switchback.kafka.bootstrap-servers").contains("set KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void badPartitionCountStopsStartupNamingTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start("--switchback.kafka.bootstrap-servers=localhost:1",
                "--switchback.kafka.topics.partitions=0")).isNotNull();
        assertThat(output).contains("switchback.kafka.topics.partitions").contains("must be at least 1");
    }

    @Test
    void unparsableDurationStopsStartupNamingTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start("--switchback.kafka.bootstrap-servers=localhost:1",
                "--switchback.kafka.retry.initial-interval=soon")).isNotNull();
        assertThat(output).contains("switchback.kafka.retry.initial-interval");
    }

    @Test
    void defaultsReadTheBootstrapAddressFromTheEnvironmentAndExposeProbes() {
        MockEnvironment environment = new MockEnvironment().withProperty("KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9092");
        new SwitchbackDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("switchback.kafka.bootstrap-servers")).isEqualTo("kafka-0:9092");
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("kafka-0:9092");
        assertThat(environment.getProperty("management.endpoints.web.exposure.include")).contains("prometheus");
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include")).contains("kafka");
    }

    @Test
    void eachClusterOfAnEnvironmentHasConsumerGroupsOfItsOwn() {
        MockEnvironment single = new MockEnvironment().withProperty("spring.application.name", "deployer")
                .withProperty("switchback.environment", "production");
        MockEnvironment regional = new MockEnvironment().withProperty("spring.application.name", "deployer")
                .withProperty("switchback.environment", "production").withProperty("switchback.cluster", "us-east1");
        new SwitchbackDefaults().postProcessEnvironment(single, null);
        new SwitchbackDefaults().postProcessEnvironment(regional, null);

        assertThat(single.getProperty("spring.kafka.consumer.group-id")).isEqualTo("switchback-deployer-production");
        assertThat(regional.getProperty("spring.kafka.consumer.group-id"))
                .isEqualTo("switchback-deployer-production-us-east1");
    }

    @Test
    void aClusterNameThatIsNotANameStopsStartupNamingTheKey() {
        assertThatThrownBy(() -> start("--switchback.kafka.bootstrap-servers=localhost:9",
                "--switchback.cluster=US_East"))
                .hasStackTraceContaining("switchback.cluster (SWITCHBACK_CLUSTER) 'US_East' is not a name");
    }

    @Test
    void configurationOverridesTheDefaults() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9092")
                .withProperty("switchback.kafka.bootstrap-servers", "other:9093");
        new SwitchbackDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("other:9093");
    }

    private static void start(String... args) {
        new SpringApplicationBuilder(PlatformTestApplication.class).web(WebApplicationType.NONE).run(args).close();
    }
}
