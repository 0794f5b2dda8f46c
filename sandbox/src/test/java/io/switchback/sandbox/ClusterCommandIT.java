package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A person starts the cluster alone, reads the kubeconfig path, and sees the objects with a client. */
class ClusterCommandIT {

    @Test
    void theClusterCommandPrintsAKubeconfigThatAClientCanUse(@TempDir Path dir) throws Exception {
        ClusterCommand command = new ClusterCommand();
        StringWriter out = new StringWriter();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ClusterCommand.class ? type.cast(command) : CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine cli = new CommandLine(new SandboxCommand(), factory).setOut(new PrintWriter(out, true));
        Thread running = new Thread(() -> cli.execute("cluster", "--sample", "--pod-start-delay", "PT0.2S",
                "--dir", dir.toString(), "--rate", "20"));
        running.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("Press Ctrl-C"));
            Matcher kubeconfig = Pattern.compile("kubeconfig: (\\S+)").matcher(out.toString());
            assertThat(kubeconfig.find()).isTrue();
            assertThat(Path.of(kubeconfig.group(1))).isEqualTo(dir.resolve("sandbox.kubeconfig"));

            try (KubernetesClient client = SimulatedCluster.connect(Path.of(kubeconfig.group(1)))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    var d = client.apps().deployments().withName("checkout-blue").get();
                    return d != null && d.getStatus() != null && Integer.valueOf(2).equals(d.getStatus().getReadyReplicas());
                });
                Service service = client.services().withName("checkout").get();
                assertThat(service.getMetadata().getAnnotations()).containsEntry("switchback.io/managed", "true");
                assertThat(service.getSpec().getSelector()).containsEntry("color", "blue");
                assertThat(client.pods().list().getItems()).hasSize(2);
            }
        } finally {
            command.stop();
            running.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(running.isAlive()).isFalse();
    }
}
