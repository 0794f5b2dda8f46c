package io.switchback.cli;

import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackFailed;
import io.switchback.events.RollbackSkipped;
import io.switchback.events.SwitchbackEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Roll a service back to its previous colour, then follow until the rollback completed (exit 0),"
                + " failed or was skipped (exit 1).")
final class RollbackCommand extends SignedCommand {

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
    String service;

    @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why, for the record.")
    String reason;

    @Option(names = "--deployment", paramLabel = "DEPLOYMENT_ID",
            description = "The release to roll back; without it, whatever is live.")
    String deploymentId;

    @Override
    String path() {
        return "v1/commands/rollback";
    }

    @Override
    String service() {
        return service;
    }

    @Override
    void body(ObjectNode body) {
        body.put("reason", reason);
        if (deploymentId != null) {
            body.put("deploymentId", deploymentId);
        }
    }

    @Override
    Outcome judge(SwitchbackEvent event, String cluster, String commandId) {
        if (event instanceof RollbackCompleted c && commandId.equals(c.cause().causeEventId())) {
            return Outcome.DONE;
        }
        if (event instanceof RollbackFailed f && commandId.equals(f.cause().causeEventId())
                || event instanceof RollbackSkipped s && commandId.equals(s.cause().causeEventId())) {
            return Outcome.FAILED;
        }
        return Outcome.WAITING;
    }
}
