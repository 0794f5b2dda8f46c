package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The chart through real Helm: lint, render with the default, production and staging values, parse, check. */
class ChartRenderingIT {

    static final Map<String, Integer> SERVICES = Map.of(
            "build-listener", 8080, "deployer", 8081, "health-monitor", 8082, "rollback-controller", 8083, "console", 8084);

    static List<RenderedChart> renderings() {
        return List.of(
                RenderedChart.render(command -> command),
                RenderedChart.render(command -> command.withValuesFile(
                        RepositoryFiles.resolve("charts/switchback/values-production.yaml"))),
                RenderedChart.render(command -> command.withValuesFile(
                        RepositoryFiles.resolve("charts/switchback/values-staging.yaml"))));
    }

    @Test
    void lintsWithoutErrorsOrWarnings() {
        LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void rendersTheFourServicesAndTheConsoleAsDeploymentServiceAccountServicePdbAndNetworkPolicy(RenderedChart chart) {
        for (String service : SERVICES.keySet()) {
            String name = "switchback-" + service;
            assertThat(chart.named(Deployment.class, name).getMetadata().getNamespace())
                    .isEqualTo(RenderedChart.NAMESPACE);
            chart.named(ServiceAccount.class, name);
            chart.named(io.fabric8.kubernetes.api.model.Service.class, name);
            chart.named(PodDisruptionBudget.class, name);
            chart.named(NetworkPolicy.class, name);
        }
        assertThat(chart.all(Deployment.class)).hasSize(5);
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyPodRunsNonRootReadOnlyWithoutCapabilitiesAndWritesOnlyToTmp(RenderedChart chart) {
        for (Deployment deployment : chart.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            for (Container container : pod.getContainers()) {
                var security = container.getSecurityContext();
                assertThat(security.getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
                assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
                assertThat(container.getVolumeMounts())
                        .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
                assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).containsKey("memory");
            }
            assertThat(pod.getVolumes()).anySatisfy(volume -> assertThat(volume.getEmptyDir()).isNotNull());
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void probesUseTheActuatorHealthGroupsOnTheServicePort(RenderedChart chart) {
        for (var entry : SERVICES.entrySet()) {
            Container container = container(chart, entry.getKey());
            assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(entry.getValue());
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
            assertThat(env(container)).containsEntry("PORT", String.valueOf(entry.getValue()));
        }
    }

    @Test
    void everyServiceServesTheConfiguredEnvironmentAndNamespace() {
        List<String> expected = List.of("staging", "production", "staging");
        List<RenderedChart> charts = renderings();
        for (int i = 0; i < expected.size(); i++) {
            for (String service : SERVICES.keySet()) {
                Map<String, String> env = env(container(charts.get(i), service));
                assertThat(env).containsEntry("SWITCHBACK_ENVIRONMENT", expected.get(i));
                assertThat(env.get("SWITCHBACK_KUBERNETES_NAMESPACE")).isNotBlank();
            }
        }
        String elsewhere = RenderedChart.template(command -> command.set("applicationsNamespace", "shop"));
        assertThat(elsewhere).contains("name: SWITCHBACK_KUBERNETES_NAMESPACE\n              value: \"shop\"");
    }

    @Test
    void stagingDeploysBuildsOfMainProductionTakesStagingsReleasesAndTheDefaultNothing() {
        List<RenderedChart> charts = renderings();
        Map<String, String> byDefault = env(container(charts.get(0), "deployer"));
        Map<String, String> production = env(container(charts.get(1), "deployer"));
        Map<String, String> staging = env(container(charts.get(2), "deployer"));

        assertThat(byDefault).containsEntry("SWITCHBACK_DEPLOYER_BRANCHES", "")
                .containsEntry("SWITCHBACK_DEPLOYER_UPSTREAM", "")
                .doesNotContainKey("SWITCHBACK_DEPLOYER_APPROVALREQUIRED");
        assertThat(production).containsEntry("SWITCHBACK_DEPLOYER_BRANCHES", "")
                .containsEntry("SWITCHBACK_DEPLOYER_UPSTREAM", "staging")
                .as("a promotion waits for the release workflow's load gate")
                .containsEntry("SWITCHBACK_DEPLOYER_VERIFICATIONS", "load-test");
        assertThat(staging).containsEntry("SWITCHBACK_DEPLOYER_BRANCHES", "main")
                .containsEntry("SWITCHBACK_DEPLOYER_UPSTREAM", "");
        assertThat(env(container(charts.get(1), "health-monitor"))).as("the deployer's alone")
                .doesNotContainKey("SWITCHBACK_DEPLOYER_UPSTREAM");
        String attended = RenderedChart.template(command -> command.set("releases.branches[0]", "main")
                .set("releases.branches[1]", "release")
                .set("releases.approvalRequired", "true").set("releases.verifications[0]", "integration-tests")
                .set("releases.verifications[1]", "load-test"));
        assertThat(attended).contains("name: SWITCHBACK_DEPLOYER_BRANCHES\n              value: \"main,release\"",
                "name: SWITCHBACK_DEPLOYER_APPROVALREQUIRED\n              value: \"true\"",
                "name: SWITCHBACK_DEPLOYER_VERIFICATIONS\n              value: \"integration-tests,load-test\"");
        assertThat(byDefault).containsEntry("SWITCHBACK_DEPLOYER_VERIFICATIONS", "")
                .containsEntry("SWITCHBACK_DEPLOYER_CANARY_REPLICAS", "0")
                .containsEntry("SWITCHBACK_DEPLOYER_CANARY_DURATION", "5m");
    }

    @Test
    void eachRegionsInstallationNamesItsClusterToEveryService() {
        RenderedChart regional = RenderedChart.render(command -> command.withValuesFile(
                RepositoryFiles.resolve("charts/switchback/values-production.yaml")).set("cluster", "us-east1")
                .set("releases.switchAfter", "us-central1"));
        for (String service : SERVICES.keySet()) {
            assertThat(env(container(regional, service))).containsEntry("SWITCHBACK_CLUSTER", "us-east1");
            assertThat(env(container(renderings().get(1), service))).as("one cluster: no name")
                    .doesNotContainKey("SWITCHBACK_CLUSTER");
        }
        assertThat(env(container(regional, "deployer")))
                .containsEntry("SWITCHBACK_DEPLOYER_SWITCHAFTER", "us-central1");
        assertThat(env(container(renderings().get(1), "deployer")))
                .doesNotContainKey("SWITCHBACK_DEPLOYER_SWITCHAFTER");
    }

    @Test
    void productionDeclaresItsTopicsOnThreeBrokersAndTheDefaultsLeaveItToTheBrokers() {
        for (String service : SERVICES.keySet()) {
            assertThat(env(container(renderings().get(1), service)))
                    .containsEntry("SWITCHBACK_KAFKA_TOPICS_REPLICATIONFACTOR", "3")
                    .as("min.insync.replicas is derived from it: 2")
                    .doesNotContainKey("SWITCHBACK_KAFKA_TOPICS_MININSYNCREPLICAS");
            assertThat(env(container(renderings().get(0), service))).doesNotContainKeys(
                    "SWITCHBACK_KAFKA_TOPICS_REPLICATIONFACTOR", "SWITCHBACK_KAFKA_TOPICS_MININSYNCREPLICAS");
        }
        RenderedChart set = RenderedChart.render(command -> command.set("kafka.topics.replicationFactor", "5")
                .set("kafka.topics.minInsyncReplicas", "3"));
        assertThat(env(container(set, "deployer"))).containsEntry("SWITCHBACK_KAFKA_TOPICS_REPLICATIONFACTOR", "5")
                .containsEntry("SWITCHBACK_KAFKA_TOPICS_MININSYNCREPLICAS", "3");
    }

    @Test
    void secretsComeFromSecretReferencesNeverFromValues() {
        RenderedChart chart = renderings().get(1);
        for (String service : SERVICES.keySet()) {
            Map<String, EnvVar> env = envVars(container(chart, service));
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS").getValue()).contains(":9093");
            assertThat(env.get("SPRING_KAFKA_SECURITY_PROTOCOL").getValue()).isEqualTo("SASL_SSL");
            assertThat(env.get("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM").getValue()).isEqualTo("SCRAM-SHA-512");
            var jaas = env.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
            assertThat(jaas.getValue()).isNull();
            assertThat(jaas.getValueFrom().getSecretKeyRef().getName()).isEqualTo("switchback-kafka");
            assertThat(env.get("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION").getValue())
                    .isEqualTo("file:/etc/switchback/kafka-tls/ca.crt");
        }
        assertThat(chart.ofKind("Secret")).as("the chart never carries a secret").isEmpty();
        assertThat(chart.ofKind("ConfigMap")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void theBuildListenerImportsItsTrustFileFromAMountedSecretAndNoOtherServiceSeesIt(RenderedChart chart) {
        Container listener = container(chart, "build-listener");
        PodSpec pod = chart.named(Deployment.class, "switchback-build-listener").getSpec().getTemplate().getSpec();

        assertThat(env(listener)).containsEntry("SPRING_CONFIG_IMPORT", "file:/etc/switchback/trust/trust.yml");
        assertThat(listener.getVolumeMounts()).filteredOn(mount -> mount.getName().equals("trust")).singleElement()
                .satisfies(mount -> {
                    assertThat(mount.getMountPath()).isEqualTo("/etc/switchback/trust");
                    assertThat(mount.getReadOnly()).isTrue();
                });
        assertThat(pod.getVolumes()).filteredOn(volume -> volume.getName().equals("trust")).singleElement()
                .satisfies(volume -> {
                    assertThat(volume.getSecret().getSecretName()).isEqualTo("switchback-build-listener-trust");
                    assertThat(volume.getSecret().getOptional()).as("a missing trust file fails start-up").isNotEqualTo(true);
                    assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0440);
                    assertThat(volume.getSecret().getItems()).singleElement().satisfies(item -> {
                        assertThat(item.getKey()).isEqualTo("trust.yml");
                        assertThat(item.getPath()).isEqualTo("trust.yml");
                    });
                });
        assertThat(envVars(listener).values()).as("no secret reaches the build-listener as a variable")
                .noneMatch(variable -> variable.getName().contains("HMAC") || variable.getName().contains("SECRET"))
                .noneMatch(variable -> variable.getValueFrom() != null
                        && !variable.getName().startsWith("SPRING_KAFKA_"));
        for (String service : List.of("deployer", "health-monitor", "rollback-controller")) {
            assertThat(env(container(chart, service))).as(service).doesNotContainKey("SPRING_CONFIG_IMPORT");
            assertThat(chart.named(Deployment.class, "switchback-" + service).getSpec().getTemplate().getSpec()
                    .getVolumes()).as(service).noneMatch(volume -> volume.getName().equals("trust"));
        }
    }

    @Test
    void theTrustFileComesFromAnyKeyOfAnySecretAndANewRevisionRestartsTheBuildListener() {
        RenderedChart chart = RenderedChart.render(command -> command.set("buildListener.trust.existingSecret", "edge-trust")
                .set("buildListener.trust.key", "listener.yaml").set("buildListener.trust.revision", "3f9a0c1d2e4b5a6c"));

        var volume = chart.named(Deployment.class, "switchback-build-listener").getSpec().getTemplate().getSpec()
                .getVolumes().stream().filter(v -> v.getName().equals("trust")).findFirst().orElseThrow();
        assertThat(volume.getSecret().getSecretName()).isEqualTo("edge-trust");
        assertThat(volume.getSecret().getItems().get(0).getKey()).isEqualTo("listener.yaml");
        assertThat(volume.getSecret().getItems().get(0).getPath()).as("the imported path stays").isEqualTo("trust.yml");
        assertThat(chart.named(Deployment.class, "switchback-build-listener").getSpec().getTemplate().getMetadata()
                .getAnnotations()).containsEntry("switchback.io/trust-revision", "3f9a0c1d2e4b5a6c");
        assertThat(chart.named(Deployment.class, "switchback-deployer").getSpec().getTemplate().getMetadata()
                .getAnnotations()).isNullOrEmpty();
        assertThat(renderings().get(0).named(Deployment.class, "switchback-build-listener").getSpec().getTemplate()
                .getMetadata().getAnnotations()).as("no revision given").isNullOrEmpty();
    }

    @Test
    void theBuildListenersLimitsAreValues() {
        Map<String, String> defaults = env(container(renderings().get(0), "build-listener"));
        Map<String, String> set = env(container(RenderedChart.render(command -> command
                .set("buildListener.maxBodySize", "256KB").set("buildListener.clockSkew", "90s")
                .set("buildListener.rateLimit.requestsPerSecond", "2.5").set("buildListener.rateLimit.burst", "10")),
                "build-listener"));

        assertThat(defaults).containsEntry("SWITCHBACK_BUILDLISTENER_MAXBODYSIZE", "1MB")
                .containsEntry("SWITCHBACK_BUILDLISTENER_CLOCKSKEW", "5m")
                .containsEntry("SWITCHBACK_BUILDLISTENER_RATELIMIT_REQUESTSPERSECOND", "20")
                .containsEntry("SWITCHBACK_BUILDLISTENER_RATELIMIT_BURST", "100");
        assertThat(set).containsEntry("SWITCHBACK_BUILDLISTENER_MAXBODYSIZE", "256KB")
                .containsEntry("SWITCHBACK_BUILDLISTENER_CLOCKSKEW", "90s")
                .containsEntry("SWITCHBACK_BUILDLISTENER_RATELIMIT_REQUESTSPERSECOND", "2.5")
                .containsEntry("SWITCHBACK_BUILDLISTENER_RATELIMIT_BURST", "10");
        assertThat(env(container(renderings().get(0), "deployer"))).doesNotContainKey("SWITCHBACK_BUILDLISTENER_CLOCKSKEW");
    }

    @Test
    void defaultsSpeakPlaintextWithoutSaslOrTrustStore() {
        Map<String, String> env = env(container(renderings().get(0), "deployer"));

        assertThat(env).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .doesNotContainKeys("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION");
    }

    @Test
    void onlyServicesThatTalkToKubernetesGetAToken() {
        RenderedChart chart = renderings().get(0);

        assertThat(chart.named(ServiceAccount.class, "switchback-build-listener").getAutomountServiceAccountToken())
                .isFalse();
        assertThat(chart.named(Deployment.class, "switchback-build-listener")
                .getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(chart.named(ServiceAccount.class, "switchback-deployer").getAutomountServiceAccountToken()).isTrue();
        assertThat(chart.named(ServiceAccount.class, "switchback-console").getAutomountServiceAccountToken())
                .as("the status page reads the topics, never the cluster").isFalse();
        assertThat(chart.named(Deployment.class, "switchback-console")
                .getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void theConsoleTakesReadersOnItsPortReachesOnlyDnsAndKafkaAndSeesNoSecret() {
        RenderedChart chart = RenderedChart.render(command -> command.withValuesFile(
                RepositoryFiles.resolve("charts/switchback/values-production.yaml"))
                .set("notifications.existingSecret", "team-hooks"));
        NetworkPolicy console = chart.named(NetworkPolicy.class, "switchback-console");

        assertThat(egressPorts(console)).as("DNS and Kafka only").containsOnly(53, 9093);
        assertThat(console.getSpec().getIngress()).as("its readers, and metrics").hasSize(2);
        assertThat(console.getSpec().getIngress().get(0).getFrom()).as("anyone by default: it is read-only").isNullOrEmpty();
        PodSpec pod = chart.named(Deployment.class, "switchback-console").getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getEnv()).as("the Kafka credentials alone: no trust file, no webhook")
                .filteredOn(e -> e.getValueFrom() != null)
                .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("switchback-kafka"));
        assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null).extracting(v -> v.getSecret().getSecretName())
                .containsOnly("switchback-kafka-ca");
        PodSpec byDefault = renderings().get(0).named(Deployment.class, "switchback-console").getSpec().getTemplate()
                .getSpec();
        assertThat(byDefault.getContainers().get(0).getEnv()).allSatisfy(e -> assertThat(e.getValueFrom()).isNull());
        assertThat(byDefault.getVolumes()).allSatisfy(v -> assertThat(v.getSecret()).isNull());
        assertThat(chart.named(io.fabric8.kubernetes.api.model.Service.class, "switchback-console").getSpec()
                .getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void networkPoliciesDenyByDefaultAndOpenOnlyWhatEachServiceUses() {
        RenderedChart chart = renderings().get(1);

        for (NetworkPolicy policy : chart.all(NetworkPolicy.class)) {
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        }
        assertThat(egressPorts(chart.named(NetworkPolicy.class, "switchback-build-listener")))
                .as("DNS and Kafka only: no Kubernetes API").containsOnly(53, 9093);
        RenderedChart oidc = RenderedChart.render(command -> command.withValuesFile(
                RepositoryFiles.resolve("charts/switchback/values-production.yaml"))
                .set("networkPolicy.egress.oidc.enabled", "true"));
        assertThat(egressPorts(oidc.named(NetworkPolicy.class, "switchback-build-listener")))
                .as("and the OIDC issuer's keys when asked").containsOnly(53, 9093, 443);
        assertThat(egressPorts(oidc.named(NetworkPolicy.class, "switchback-rollback-controller")))
                .isEqualTo(egressPorts(chart.named(NetworkPolicy.class, "switchback-rollback-controller")));
        NetworkPolicy deployer = chart.named(NetworkPolicy.class, "switchback-deployer");
        assertThat(deployer.getSpec().getIngress()).as("metrics only").hasSize(1);
        assertThat(egressPorts(deployer)).contains(443, 9093, 8080);
        assertThat(egressPorts(chart.named(NetworkPolicy.class, "switchback-health-monitor"))).contains(443, 9090);
        assertThat(egressPorts(chart.named(NetworkPolicy.class, "switchback-rollback-controller")))
                .contains(443, 9093).doesNotContain(8080, 9090);
    }

    @Test
    void notificationsComeFromASecretToTheDeployerAndTheRollbackControllerOnly() {
        RenderedChart chart = RenderedChart.render(command -> command
                .set("notifications.existingSecret", "team-hooks")
                .set("notifications.statusPageUrl", "https://status.example/staging")
                .set("networkPolicy.egress.notifications.enabled", "true")
                .set("networkPolicy.egress.notifications.ports[0]", "8443"));

        for (String name : List.of("switchback-deployer", "switchback-rollback-controller")) {
            List<EnvVar> env = chart.named(Deployment.class, name).getSpec().getTemplate()
                    .getSpec().getContainers().get(0).getEnv();
            assertThat(env).filteredOn(e -> e.getName().equals("SWITCHBACK_NOTIFICATIONS_SLACKWEBHOOK")).singleElement()
                    .satisfies(e -> {
                        assertThat(e.getValue()).as("never a value").isNull();
                        assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("team-hooks");
                        assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("slack-webhook");
                        assertThat(e.getValueFrom().getSecretKeyRef().getOptional()).isTrue();
                    });
            assertThat(env).filteredOn(e -> e.getName().equals("SWITCHBACK_NOTIFICATIONS_WEBHOOK")).singleElement()
                    .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("webhook"));
            assertThat(env).filteredOn(e -> e.getName().equals("SWITCHBACK_NOTIFICATIONS_STATUSPAGE"))
                    .extracting(EnvVar::getValue)
                    .containsExactly("https://status.example/staging");
            assertThat(egressPorts(chart.named(NetworkPolicy.class, name))).contains(8443);
        }
        for (String name : List.of("switchback-health-monitor", "switchback-build-listener")) {
            assertThat(chart.named(Deployment.class, name).getSpec().getTemplate().getSpec().getContainers().get(0)
                    .getEnv()).noneMatch(e -> e.getName().startsWith("SWITCHBACK_NOTIFICATIONS_"));
            assertThat(egressPorts(chart.named(NetworkPolicy.class, name))).doesNotContain(8443);
        }
        assertThat(RenderedChart.render(command -> command).named(Deployment.class, "switchback-deployer").getSpec()
                .getTemplate().getSpec().getContainers().get(0).getEnv())
                .as("no Secret, no notifications").noneMatch(e -> e.getName().startsWith("SWITCHBACK_NOTIFICATIONS_"));
    }

    static List<Integer> egressPorts(NetworkPolicy policy) {
        return policy.getSpec().getEgress().stream().flatMap(rule -> rule.getPorts().stream())
                .map(port -> port.getPort().getIntVal()).toList();
    }

    @Test
    void monitoringObjectsAreOptionalAndScrapeTheActuator() {
        assertThat(renderings().get(0).ofKind("ServiceMonitor")).isEmpty();
        assertThat(renderings().get(0).ofKind("PrometheusRule")).isEmpty();

        RenderedChart production = renderings().get(1);
        var monitor = (GenericKubernetesResource) production.ofKind("ServiceMonitor").get(0);
        assertThat((String) monitor.get("spec", "endpoints", 0, "path")).isEqualTo("/actuator/prometheus");
        assertThat((String) monitor.get("spec", "endpoints", 0, "port")).isEqualTo("http");

        Map<String, String> alerts = alerts((GenericKubernetesResource) production.ofKind("PrometheusRule").get(0));
        assertThat(alerts).containsOnlyKeys("SwitchbackRollbackFailed", "SwitchbackRollbackRtoBudgetExceeded",
                "SwitchbackDeadLetterGrowth", "SwitchbackConsumerLagHigh", "SwitchbackHealthMisconfigured",
                "SwitchbackRolloutStalled", "SwitchbackRolloutFailed", "SwitchbackSoakHeld");
        assertThat(alerts.get("SwitchbackRollbackFailed")).contains("switchback_rollbacks_total{outcome=\"failed\"}");
        assertThat(alerts.get("SwitchbackRollbackRtoBudgetExceeded"))
                .contains("switchback_rollback_duration_seconds_count", "switchback_rollback_duration_seconds_bucket{le=\"60.0\"}");
        assertThat(alerts.get("SwitchbackDeadLetterGrowth")).contains("switchback_dead_letters_total");
        assertThat(alerts.get("SwitchbackConsumerLagHigh")).contains("kafka_consumer_fetch_manager_records_lag_max");
        assertThat(alerts.get("SwitchbackHealthMisconfigured")).contains("switchback_health_misconfigured");
        assertThat(alerts.get("SwitchbackRolloutStalled")).contains("switchback_rollouts_total{outcome=\"held\"}");
        assertThat(alerts.get("SwitchbackSoakHeld")).contains("switchback_health_soaks_total{verdict=\"held\"}");
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> alerts(GenericKubernetesResource rule) {
        List<Map<String, Object>> groups = rule.get("spec", "groups");
        return groups.stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                .collect(Collectors.toMap(r -> (String) r.get("alert"), r -> (String) r.get("expr")));
    }

    static Container container(RenderedChart chart, String service) {
        return chart.named(Deployment.class, "switchback-" + service).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
    }

    static Map<String, EnvVar> envVars(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }

    static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
