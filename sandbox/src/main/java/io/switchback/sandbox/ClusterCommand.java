package io.switchback.sandbox;

import io.switchback.mockapi.Identities;
import io.switchback.mockapi.TeamChart;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the simulated cluster alone, optionally with the sample service and traffic, until stopped. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Start the simulated Kubernetes cluster alone and print its kubeconfig path.")
public final class ClusterCommand implements Runnable {

    @Option(names = "--port", description = "API server port (default: any free port).")
    int port;

    @Option(names = "--pod-start-delay", defaultValue = "PT1S",
            description = "How long a new pod takes to become ready, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration podStartDelay;

    @Option(names = "--restart-backoff", defaultValue = "PT1S", description = "Back-off before a container that "
            + "exited is restarted, doubling per restart up to 8 times, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration restartBackoff;

    @Option(names = "--sample", description = "Install the sample service (checkout-blue + Service checkout) and send it traffic.")
    boolean sample;

    @Option(names = "--image", defaultValue = "registry.example/checkout:1.4.0",
            description = "Image of the sample service (default: ${DEFAULT-VALUE}).")
    String image;

    @Option(names = "--rate", defaultValue = "50", description = "Requests per second to the sample service (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--dir", description = "Where to write the kubeconfig (default: a new temporary directory).")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final UntilStopped running = new UntilStopped();

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (SimulatedCluster cluster = SimulatedCluster.start(port, podStartDelay, restartBackoff, directory())) {
            out.println("Simulated Kubernetes API: " + cluster.apiServerUrl());
            out.println("kubeconfig: " + cluster.kubeconfig());
            out.println("  the mock API serves no discovery documents, so use kubectl with raw paths:");
            out.println("  KUBECONFIG=" + cluster.kubeconfig()
                    + " kubectl get --raw /apis/apps/v1/namespaces/default/deployments");
            TrafficRouter router = null;
            TrafficGenerator traffic = null;
            if (sample) {
                TeamChart.install(cluster.client(), SimulatedCluster.NAMESPACE, "checkout", image, 2);
                router = new TrafficRouter(cluster.client(Identities.TRAFFIC_ROUTER), SimulatedCluster.NAMESPACE, "checkout");
                traffic = TrafficGenerator.start(router, rate);
                out.println("Sample service 'checkout' on " + image + ", " + rate + " requests/s through its Service.");
            }
            out.println("Press Ctrl-C to stop.");
            out.flush();
            try {
                running.await();
            } finally {
                if (traffic != null) {
                    traffic.close();
                    router.close();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops a running {@link #run()}; the shutdown hook does the same on Ctrl-C. */
    void stop() {
        running.stop();
    }

    private Path directory() {
        try {
            return dir != null ? dir : Files.createTempDirectory("switchback-sandbox");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
