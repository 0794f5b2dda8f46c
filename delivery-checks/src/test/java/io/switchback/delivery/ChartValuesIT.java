package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad values fail at template (and so install) time with a message that names the key. */
class ChartValuesIT {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            deployer.replicas          | 0          | deployer.replicas: Must be greater than or equal to 1
            kafka.bootstrapServers     | kafka      | kafka.bootstrapServers: Does not match pattern
            kafka.securityProtocol     | TLS        | kafka.securityProtocol: kafka.securityProtocol must be one of the following
            deployer.colour            | blue       | deployer: Additional property colour is not allowed
            healthMonitor.image.tag    | not a tag  | healthMonitor.image.tag: Does not match pattern
            podSecurity.runAsUser      | 0          | podSecurity.runAsUser: Must be greater than or equal to 1
            image.pullPolicy           | Sometimes  | image.pullPolicy: image.pullPolicy must be one of the following
            environment                | Production | environment: Does not match pattern
            applicationsNamespace      | Apps_1     | applicationsNamespace: Does not match pattern
            releases.upstream          | Staging    | releases.upstream: Does not match pattern
            cluster                    | US_East    | cluster: Does not match pattern
            buildListener.clockSkew    | 5 minutes  | buildListener.clockSkew: Does not match pattern
            buildListener.maxBodySize  | 1GiB       | buildListener.maxBodySize: Does not match pattern
            buildListener.rateLimit.burst | 0       | buildListener.rateLimit.burst: Must be greater than or equal to 1
            buildListener.rateLimit.requestsPerSecond | fast | buildListener.rateLimit.requestsPerSecond: Does not match pattern
            buildListener.hmac.key     | hmac-secret | buildListener: Additional property hmac is not allowed
            """)
    void schemaRejectsABadValueNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> RenderedChart.template(command -> command.set(key, value)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            kafka.securityProtocol        | SASL_SSL | kafka.sasl.mechanism: required when kafka.securityProtocol is SASL_SSL
            buildListener.trust.existingSecret | ''  | buildListener.trust.existingSecret
            releases.upstream             | staging  | releases.upstream: names this environment itself
            releases.switchAfter          | us-east1 | cluster: required with releases.switchAfter
            """)
    void rulesAcrossKeysFailNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> RenderedChart.template(command -> command.set(key, value)))
                .hasMessageContaining(message);
    }

    @Test
    void anEnvironmentTakesBuildsOrPromotionsNotBoth() {
        assertThatThrownBy(() -> RenderedChart.template(command -> command.set("releases.branches[0]", "main")
                .set("releases.upstream", "qa")))
                .hasMessageContaining("releases.upstream: leave empty with releases.branches set");
    }

    @Test
    void saslWithAMechanismRendersTheJaasConfigFromItsSecret() {
        String manifest = RenderedChart.template(command -> command.set("kafka.securityProtocol", "SASL_PLAINTEXT")
                .set("kafka.sasl.mechanism", "SCRAM-SHA-256"));

        assertThat(manifest).contains("name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "\"SCRAM-SHA-256\"",
                "name: switchback-kafka");
    }
}
