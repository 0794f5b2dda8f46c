package io.switchback.sandbox;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar switchback-sandbox-exec.jar <command>}: the embedded default, from the command line. */
@Command(name = "switchback-sandbox", mixinStandardHelpOptions = true,
        description = "Switchback's embedded default: a simulated Kubernetes cluster with a real sample workload.",
        subcommands = {DemoCommand.class, PromoteCommand.class, RunCommand.class, BenchCommand.class, ScenarioCommand.class, MonitorBenchCommand.class, IngressBenchCommand.class,
                ClusterCommand.class})
public final class SandboxCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SandboxCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
