package io.switchback.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code switchback} command: exit status 0 done, 1 failed or refused, 2 usage or settings, 3 timed out,
 * 4 unreachable.
 */
@Command(name = "switchback", mixinStandardHelpOptions = true, version = "switchback 0.1.0",
        description = "Follow and operate Switchback: status from the clusters, the timeline, history and the evidence"
                + " behind every decision from the topics, and signed commands followed to their outcome.",
        footer = {"", "Settings: the file SWITCHBACK_CONFIG (default ~/.config/switchback/cli.properties) under the",
                "environment variables SWITCHBACK_<KEY>; see docs/cli.md.",
                "Exit status: 0 done, 1 failed, skipped or refused, 2 usage or settings, 3 timed out,",
                "4 unreachable."},
        subcommands = {StatusCommand.class, WatchCommand.class, HistoryCommand.class, ExplainCommand.class,
                RollbackCommand.class, ApproveCommand.class, RetryCommand.class,
                AutoComplete.GenerateCompletion.class})
public final class Switchback implements Runnable {

    static final int FAILED = 1;
    static final int SETTINGS = 2;
    static final int TIMED_OUT = 3;
    static final int UNREACHABLE = 4;

    private final Map<String, String> env;
    private Settings settings;

    @Spec
    CommandSpec spec;

    Switchback(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line with these environment variables and writers: what {@link #main} does, testable. */
    static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Switchback(env));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            err.println("switchback: " + e.getMessage());
            err.flush();
            return e instanceof Settings.SettingsException ? SETTINGS : UNREACHABLE;
        });
        int status = cli.execute(args);
        out.flush();
        return status;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The settings, read once, when a command first needs one. */
    Settings settings() {
        if (settings == null) {
            settings = new Settings(env);
        }
        return settings;
    }

    /** {@code --env}, else the {@code environment} setting, else a settings error naming both. */
    String environment(String option, String neededFor) {
        return Optional.ofNullable(option)
                .orElseGet(() -> settings().required("environment", neededFor + "; or pass --env"));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
