package io.switchback.sandbox;

import io.switchback.buildlistener.BuildListenerApplication;
import io.switchback.console.ConsoleApplication;
import io.switchback.deployer.DeployerApplication;
import io.switchback.healthmonitor.HealthMonitorApplication;
import io.switchback.rollbackcontroller.RollbackControllerApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four services, each instance in its own Spring context and port, configured only as an operator would
 * configure them (bootstrap servers, its own kubeconfig, environment, secret). They share nothing but Kafka
 * and the cluster's API. Instances are named {@code <service>-<n>}; any one can be stopped and another
 * started, as a rolling restart or a crash would.
 */
final class SwitchbackServices implements AutoCloseable {

    /** The services, in the order they start (the edge last, once everything behind it listens). */
    static final List<String> KINDS = List.of("rollback-controller", "health-monitor", "deployer", "build-listener");
    /** The status page: not one of {@link #KINDS}, one instance beside them (it reads, it decides nothing). */
    static final String CONSOLE = "console";
    private static final Logger LOG = LoggerFactory.getLogger(SwitchbackServices.class);
    private static final long STOP_WAIT_SECONDS = 20;

    private final Map<String, String> common;
    private final Map<String, Path> kubeconfigs;
    private final Map<String, String> overrides;
    private final Map<String, ConfigurableApplicationContext> instances = new LinkedHashMap<>();
    private final Map<String, Integer> started = new LinkedHashMap<>();

    private SwitchbackServices(Map<String, String> common, Map<String, Path> kubeconfigs,
            Map<String, String> overrides) {
        this.common = common;
        this.kubeconfigs = kubeconfigs;
        this.overrides = overrides;
    }

    /**
     * @param kubeconfigs per service, the kubeconfig it reaches the cluster with; a service without one has no access
     * @param replicas    instances of each service
     */
    static SwitchbackServices start(Map<String, String> common, Map<String, Path> kubeconfigs,
            Map<String, String> overrides, int replicas) {
        return start(common, kubeconfigs, overrides, replicas, KINDS);
    }

    /** @param kinds the services to run, in the order they start */
    static SwitchbackServices start(Map<String, String> common, Map<String, Path> kubeconfigs,
            Map<String, String> overrides, int replicas, List<String> kinds) {
        SwitchbackServices services = new SwitchbackServices(common, kubeconfigs, overrides);
        try {
            for (String kind : kinds) {
                for (int i = 0; i < replicas; i++) {
                    services.start(kind);
                }
            }
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    /** Starts one more instance of {@code kind}; returns its name. */
    synchronized String start(String kind) {
        int n = started.merge(kind, 1, Integer::sum);
        String name = kind + "-" + n;
        List<String> args = new ArrayList<>();
        common.forEach((k, v) -> {
            // the trust file holds the build-listener's secrets: only the build-listener reads it
            if (!Sandbox.TRUST_IMPORT.equals(k) || "build-listener".equals(kind)) {
                args.add("--" + k + "=" + v);
            }
        });
        if (kubeconfigs.get(kind) != null) {
            args.add("--switchback.kubernetes.kubeconfig=" + kubeconfigs.get(kind));
        }
        // names the instance to its producer's interceptors (the scenario's Freezer); ignored otherwise
        args.add("--spring.kafka.producer.properties.sandbox.instance=" + name);
        overrides.forEach((k, v) -> args.add("--" + k + "=" + v));
        instances.put(name, new SpringApplicationBuilder(application(kind)).properties(configName(kind))
                .run(args.toArray(String[]::new)));
        return name;
    }

    /**
     * Stops an instance, as its pod being deleted would; one that does not stop within a bound (frozen in
     * the middle of something) is abandoned, as a killed process is.
     */
    void stop(String name) {
        ConfigurableApplicationContext context;
        synchronized (this) {
            context = instances.remove(name);
        }
        if (context == null) {
            return;
        }
        Thread closer = new Thread(context::close, "stop-" + name);
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("{} did not stop within {} s: abandoned", name, STOP_WAIT_SECONDS);
        }
    }

    synchronized List<String> instances(String kind) {
        return instances.keySet().stream().filter(n -> n.startsWith(kind + "-")).toList();
    }

    synchronized int port(String instance) {
        return ((WebServerApplicationContext) instances.get(instance)).getWebServer().getPort();
    }

    /** The port of the first running instance of {@code kind}. */
    int portOf(String kind) {
        return port(instances(kind).get(0));
    }

    /** A bean of the first running instance of {@code kind}: what the sandbox reads of a service from inside it. */
    synchronized <T> T beanOf(String kind, Class<T> type) {
        return instances.get(instances(kind).get(0)).getBean(type);
    }

    synchronized Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        instances.keySet().forEach(name -> ports.put(name, port(name)));
        return ports;
    }

    private static Class<?> application(String kind) {
        return switch (kind) {
            case "rollback-controller" -> RollbackControllerApplication.class;
            case "health-monitor" -> HealthMonitorApplication.class;
            case "deployer" -> DeployerApplication.class;
            case "build-listener" -> BuildListenerApplication.class;
            case CONSOLE -> ConsoleApplication.class;
            default -> throw new IllegalArgumentException("no service " + kind);
        };
    }

    private static String configName(String kind) {
        return switch (kind) {
            case "rollback-controller" -> RollbackControllerApplication.CONFIG_NAME;
            case "health-monitor" -> HealthMonitorApplication.CONFIG_NAME;
            case "deployer" -> DeployerApplication.CONFIG_NAME;
            case "build-listener" -> BuildListenerApplication.CONFIG_NAME;
            case CONSOLE -> ConsoleApplication.CONFIG_NAME;
            default -> throw new IllegalArgumentException("no service " + kind);
        };
    }

    @Override
    public void close() {
        List<String> names;
        synchronized (this) {
            names = new ArrayList<>(instances.keySet());
        }
        for (int i = names.size() - 1; i >= 0; i--) {
            stop(names.get(i));
        }
    }
}
