package io.switchback.cli;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.switchback.cluster.BlueGreen;
import io.switchback.cluster.ReleaseRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Per service and cluster, read from the clusters: the live colour and image and since when, the"
                + " soak or rollback window, a rollout or rollback in progress, a release waiting for approval; and"
                + " the last verdict per trigger, from the topics when Kafka is configured.")
final class StatusCommand implements Callable<Integer> {

    /** A managed Service as one cluster records it. */
    record Seen(String cluster, String service, ReleaseRecord record) {
    }

    @ParentCommand
    Switchback root;

    @Option(names = "--env", paramLabel = "ENVIRONMENT",
            description = "The environment (default: the 'environment' setting); its clusters are"
                    + " env.<environment>.clusters, else the kubeconfig's current context.")
    String environmentOption;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE", description = "Only this service.")
    String service;

    @Override
    public Integer call() {
        Settings settings = root.settings();
        String environment = root.environment(environmentOption, "whose clusters to read");
        String namespace = settings.optional(Settings.NAMESPACE).orElse(null);
        List<Seen> seen = new ArrayList<>();
        for (Map.Entry<String, String> cluster : settings.clusters(environment).entrySet()) {
            seen.addAll(read(cluster.getKey(), cluster.getValue(), namespace));
        }
        PrintWriter out = root.out();
        if (seen.isEmpty()) {
            out.println("no Service annotated " + BlueGreen.MANAGED + "=true" + (service == null ? "" : " named " + service)
                    + " in " + environment);
            return Switchback.FAILED;
        }
        Verdicts verdicts = Verdicts.read(settings, seen.stream().map(s -> s.record().switchedAt())
                .filter(t -> t != null).min(Instant::compareTo).orElse(Instant.now()));
        seen.forEach(s -> StatusLines.print(out, environment, s, verdicts));
        return 0;
    }

    private List<Seen> read(String cluster, String context, String namespace) {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config(cluster, context)).build()) {
            String ns = namespace != null ? namespace : client.getNamespace();
            List<Service> services = service == null ? client.services().inNamespace(ns).list().getItems()
                    : Optional.ofNullable(client.services().inNamespace(ns).withName(service).get()).stream().toList();
            List<Seen> seen = new ArrayList<>();
            for (Service s : services) {
                if (BlueGreen.isManaged(s)) {
                    ReleaseRecord.of(s).ifPresent(r -> seen.add(new Seen(cluster, s.getMetadata().getName(), r)));
                }
            }
            return seen;
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("cluster " + cluster + (context == null ? "" : " (context " + context + ")")
                    + " did not answer: " + e.getMessage(), e);
        }
    }

    private Config config(String cluster, String context) {
        Optional<String> kubeconfig = root.settings().kubeconfig(cluster);
        if (kubeconfig.isEmpty()) {
            return Config.autoConfigure(context);
        }
        Path path = Path.of(kubeconfig.get());
        try {
            return Config.fromKubeconfig(context, Files.readString(path), path.toString());
        } catch (IOException e) {
            throw new Settings.SettingsException("the kubeconfig of cluster " + cluster + ": cannot read " + path + ": "
                    + e.getMessage());
        }
    }
}
