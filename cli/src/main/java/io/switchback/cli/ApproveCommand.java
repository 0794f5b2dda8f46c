package io.switchback.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Approve a release waiting for its promotion (the approver is the credential's identity), then"
                + " follow until it took the traffic in every cluster (exit 0), or failed, was skipped or rolled back"
                + " (exit 1).")
final class ApproveCommand extends ReleaseCommand {

    @Option(names = "--comment", paramLabel = "TEXT", description = "A comment for the record.")
    String comment;

    @Override
    String path() {
        return "v1/commands/approve";
    }

    @Override
    String followedFromTheStart() {
        return deploymentId;
    }

    @Override
    void body(ObjectNode body) {
        body.put("deploymentId", deploymentId);
        if (comment != null) {
            body.put("comment", comment);
        }
    }
}
