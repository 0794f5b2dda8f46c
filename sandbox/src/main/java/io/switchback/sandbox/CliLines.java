package io.switchback.sandbox;

import io.switchback.mockapi.Identities;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The `switchback` CLI's settings for this sandbox, printed by `run` ready to paste (docs/cli.md). */
public final class CliLines {

    static final String JAR = "cli/target/switchback-cli-exec.jar";

    private CliLines() {
    }

    /** The environment variables the CLI reads this sandbox with: never a secret, only the file that holds it. */
    public static Map<String, String> environment(Sandbox sandbox) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SWITCHBACK_KAFKA_BOOTSTRAP_SERVERS", sandbox.bootstrapServers());
        env.put("SWITCHBACK_URL", sandbox.webhookBase().toString());
        env.put("SWITCHBACK_CREDENTIAL", SandboxTrust.OPERATOR);
        env.put("SWITCHBACK_SECRET_FILE", sandbox.trust().operatorSecretFile().toString());
        // a person's own identity, not the sandbox's: the CLI reads Services and nothing else
        env.put("SWITCHBACK_KUBECONFIG", sandbox.cluster().kubeconfig(Identities.OPERATOR).toString());
        env.put("SWITCHBACK_NAMESPACE", Sandbox.NAMESPACE);
        env.put("SWITCHBACK_ENVIRONMENT", Sandbox.ENVIRONMENT);
        return env;
    }

    static void print(PrintWriter out, Sandbox sandbox) {
        out.println("The CLI (" + JAR + ", built by ./mvnw -B -q -DskipTests package), set up for this sandbox:");
        environment(sandbox).forEach((name, value) -> out.println("  export " + name + "=" + value));
        out.println("  alias switchback='java -jar " + JAR + "'");
        out.println("  switchback watch --since 10m                 # the timeline, then live");
        out.println("  switchback status " + Sandbox.SERVICE + "                     # live colour, windows, verdicts");
        out.println("  switchback history " + Sandbox.SERVICE + "                    # past releases and their fate");
        out.println("  switchback rollback " + Sandbox.SERVICE + " --reason 'a drill'  # signed, followed to its end");
    }
}
