package io.switchback.sandbox;

import io.switchback.buildlistener.BuildListenerApplication;
import io.switchback.deployer.DeployerApplication;
import io.switchback.healthmonitor.HealthMonitorApplication;
import io.switchback.rollbackcontroller.RollbackControllerApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four services, each in its own Spring context and port, configured only as an operator would
 * configure them (bootstrap servers, its own kubeconfig, environment, secret). They share nothing but
 * Kafka and the cluster's API.
 */
final class SwitchbackServices implements AutoCloseable {

    private final Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();

    /** @param kubeconfigs per service name, the kubeconfig it reaches the cluster with; a service without one has no access */
    static SwitchbackServices start(Map<String, String> common, Map<String, Path> kubeconfigs,
            Map<String, String> overrides) {
        SwitchbackServices services = new SwitchbackServices();
        try {
            services.start("rollback-controller", RollbackControllerApplication.class,
                    RollbackControllerApplication.CONFIG_NAME, with(common, kubeconfigs.get("rollback-controller")),
                    overrides);
            services.start("health-monitor", HealthMonitorApplication.class, HealthMonitorApplication.CONFIG_NAME,
                    with(common, kubeconfigs.get("health-monitor")), overrides);
            services.start("deployer", DeployerApplication.class, DeployerApplication.CONFIG_NAME,
                    with(common, kubeconfigs.get("deployer")), overrides);
            services.start("build-listener", BuildListenerApplication.class, BuildListenerApplication.CONFIG_NAME,
                    with(common, kubeconfigs.get("build-listener")), overrides);
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    private static Map<String, String> with(Map<String, String> common, Path kubeconfig) {
        Map<String, String> properties = new LinkedHashMap<>(common);
        if (kubeconfig != null) {
            properties.put("switchback.kubernetes.kubeconfig", kubeconfig.toString());
        }
        return properties;
    }

    private void start(String name, Class<?> application, String configName, Map<String, String> common,
            Map<String, String> overrides) {
        List<String> args = new ArrayList<>();
        common.forEach((k, v) -> args.add("--" + k + "=" + v));
        overrides.forEach((k, v) -> args.add("--" + k + "=" + v));
        contexts.put(name, new SpringApplicationBuilder(application).properties(configName)
                .run(args.toArray(String[]::new)));
    }

    int port(String service) {
        return ((WebServerApplicationContext) contexts.get(service)).getWebServer().getPort();
    }

    Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        contexts.keySet().forEach(name -> ports.put(name, port(name)));
        return ports;
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(contexts.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            contexts.get(names.get(i)).close();
        }
        contexts.clear();
    }
}
