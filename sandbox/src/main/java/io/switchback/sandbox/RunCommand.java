package io.switchback.sandbox;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The same system as the demo without the script, kept running for a person to drive. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the sandbox and keep it running: post your own build events, follow the topics.")
public final class RunCommand implements Runnable {

    @Option(names = "--dir", description = "Where to write the kubeconfig, the trust file and its generated secrets (default: a new temporary directory).")
    Path dir;

    @Option(names = "--metric-source", defaultValue = "direct-scrape",
            description = "How the health-monitor reads the pods: direct-scrape (default), or prometheus: through a real "
                    + "Prometheus server (the prometheus binary on the PATH) scraping the simulated pods every second.")
    String metricSource;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Path home = dir != null ? dir : Files.createTempDirectory("switchback-run");
            if ("direct-scrape".equals(metricSource)) {
                run(out, Sandbox.Options.defaults(home), null);
                return;
            }
            if (!"prometheus".equals(metricSource)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--metric-source must be direct-scrape or prometheus, not " + metricSource);
            }
            Path binary = PrometheusServer.binary().orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "--metric-source prometheus needs the prometheus binary on the PATH "
                            + "(Debian: apt-get install prometheus)"));
            try (SandboxPrometheus prometheus = SandboxPrometheus.start(binary, home.resolve("prometheus"))) {
                run(out, Sandbox.Options.defaults(home).withServices(1, prometheus.healthMonitorSettings()), prometheus);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(PrintWriter out, Sandbox.Options options, SandboxPrometheus prometheus) {
        try (Sandbox sandbox = Sandbox.start(options)) {
            if (prometheus != null) {
                prometheus.follow(sandbox.cluster().client(), Sandbox.NAMESPACE);
            }
            SandboxTrust trust = sandbox.trust();
            out.println("Switchback sandbox is running. Ctrl-C stops it.");
            out.println("  webhook:          " + sandbox.webhookBase() + "v1/builds");
            out.println("  status page:      " + sandbox.statusPage());
            out.println("  trust file:       " + trust.file() + " (builds: " + SandboxTrust.SENDER + ", commands: "
                    + SandboxTrust.OPERATOR + ")");
            out.println("  kubeconfig:       " + sandbox.kubeconfig());
            out.println("  Kafka bootstrap:  " + sandbox.bootstrapServers());
            out.println("  services:         " + sandbox.servicePorts());
            if (prometheus != null) {
                out.println("  Prometheus:       " + prometheus.url() + " (the health-monitor judges through it)");
            }
            out.println();
            out.println("Ship a bad build of checkout (it is live on blue at 1.4.0), signed as its repository's pipeline:");
            out.println("  body='{\"service\":\"checkout\",\"image\":\"registry.example/checkout:1.6.0-errors-5\","
                    + "\"commit\":\"7f3a9c1\",\"branch\":\"main\",\"workflowRunId\":1,\"conclusion\":\"success\"}'");
            out.println("  ts=$(date +%s); id=$(cat /proc/sys/kernel/random/uuid)");
            out.println("  sig=$(printf '%s.%s.%s' \"$ts\" \"$id\" \"$body\" | openssl dgst -sha256 -hmac \"$(cat "
                    + trust.senderSecretFile() + ")\" | sed 's/^.* //')");
            out.println("  curl -sS -H 'Content-Type: application/json' -H 'X-Switchback-Credential: " + SandboxTrust.SENDER
                    + "' \\");
            out.println("       -H \"X-Switchback-Delivery: $id\" -H \"X-Switchback-Timestamp: $ts\" "
                    + "-H \"X-Switchback-Signature-256: sha256=$sig\" \\");
            out.println("       --data-binary \"$body\" " + sandbox.webhookBase() + "v1/builds");
            out.println("Commands (rollback, approve, retry) sign the same way as " + SandboxTrust.OPERATOR + " with "
                    + trust.operatorSecretFile() + ".");
            out.println("GitHub's own webhook: " + sandbox.webhookBase() + "v1/github, secret in " + trust.webhookSecretFile()
                    + " (a completed run of " + SandboxTrust.WORKFLOW + " on main deploys " + SandboxTrust.IMAGE_TEMPLATE + ").");
            CliLines.print(out, sandbox);
            out.println("Follow it:");
            out.println("  kcat -b " + sandbox.bootstrapServers()
                    + " -C -t switchback.deployments -t switchback.health -t switchback.rollbacks -f '%T %k %s\\n'");
            out.flush();
            new UntilStopped().await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
