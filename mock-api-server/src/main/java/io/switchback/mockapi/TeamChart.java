package io.switchback.mockapi;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * What an application team's own Helm chart creates for a service Switchback manages: the Deployment
 * {@code <svc>-blue} labelled {@code app=<svc>,color=blue}, its pods probed for readiness on
 * {@code /actuator/health} every second (two failures make a pod unready), and the Service {@code <svc>}
 * selecting it, annotated {@code switchback.io/managed: "true"}. One home for the tests and the sandbox.
 */
public final class TeamChart {

    public static final String MANAGED_ANNOTATION = "switchback.io/managed";
    public static final String HEALTH_PATH = "/actuator/health";
    public static final int PROBE_PERIOD_SECONDS = 1;
    public static final int PROBE_FAILURE_THRESHOLD = 2;

    private TeamChart() {
    }

    /**
     * Hooks as a team ships them: the ConfigMap {@code <service>-switchback-hooks} with a Job template for each of
     * {@code hooks}: {@code pre-swap} (a migration running the new release's image) and {@code rollback} (a
     * database rollback running the restored release's image).
     */
    public static ConfigMap hooks(String service, String... hooks) {
        Map<String, String> templates = new java.util.LinkedHashMap<>();
        for (String hook : hooks) {
            String command = "pre-swap".equals(hook) ? "migrate" : "rollback";
            templates.put(hook, """
                    apiVersion: batch/v1
                    kind: Job
                    spec:
                      backoffLimit: 0
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                            - name: %s
                              image: ${IMAGE}
                              args: ["%s", "--release", "${DEPLOYMENT_ID}"]
                    """.formatted(command, command));
        }
        return new ConfigMapBuilder().withNewMetadata().withName(service + "-switchback-hooks")
                .withLabels(Map.of("app", service)).endMetadata().withData(templates).build();
    }

    /** Creates {@code <service>-blue} and the managed Service {@code <service>} selecting it. */
    public static void install(KubernetesClient client, String namespace, String service, String image, int replicas) {
        client.apps().deployments().inNamespace(namespace).resource(deployment(service, "blue", image, replicas))
                .create();
        client.services().inNamespace(namespace).resource(service(service, "blue")).create();
    }

    public static Deployment deployment(String service, String color, String image, int replicas) {
        Map<String, String> labels = Map.of("app", service, "color", color);
        return new DeploymentBuilder()
                .withNewMetadata().withName(service + "-" + color).withLabels(labels).endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withNewSelector().withMatchLabels(labels).endSelector()
                    .withProgressDeadlineSeconds(120)
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).endMetadata()
                        .withNewSpec()
                            .addNewContainer()
                                .withName(service).withImage(image)
                                .addNewPort().withName("http").withContainerPort(8080).endPort()
                                .withNewReadinessProbe()
                                    .withNewHttpGet().withPath(HEALTH_PATH).withPort(new IntOrString("http")).endHttpGet()
                                    .withPeriodSeconds(PROBE_PERIOD_SECONDS)
                                    .withFailureThreshold(PROBE_FAILURE_THRESHOLD)
                                .endReadinessProbe()
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /** The Service {@code <service>} selecting {@code app=<service>,color=<color>}, managed by Switchback. */
    public static Service service(String service, String color) {
        return service(service, color, true);
    }

    /** The same Service; {@code managed=false} leaves out the annotation, as a team that opted out would. */
    public static Service service(String service, String color, boolean managed) {
        return new ServiceBuilder()
                .withNewMetadata().withName(service)
                    .withAnnotations(managed ? Map.of(MANAGED_ANNOTATION, "true") : Map.of()).endMetadata()
                .withNewSpec()
                    .withSelector(Map.of("app", service, "color", color))
                    .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
                .endSpec()
                .build();
    }
}
