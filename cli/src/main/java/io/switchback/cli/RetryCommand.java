package io.switchback.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "Run a failed rollout again, then follow until it took the traffic in every cluster (exit 0), or"
                + " failed, was skipped or rolled back (exit 1).")
final class RetryCommand extends ReleaseCommand {

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record.")
    String reason;

    @Override
    String path() {
        return "v1/commands/retry";
    }

    @Override
    String followedFromTheStart() {
        return null;
    }

    @Override
    void body(ObjectNode body) {
        body.put("deploymentId", deploymentId);
        if (reason != null) {
            body.put("reason", reason);
        }
    }
}
