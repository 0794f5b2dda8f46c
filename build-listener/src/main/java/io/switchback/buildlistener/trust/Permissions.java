package io.switchback.buildlistener.trust;

import io.switchback.events.BuildCompleted;
import io.switchback.events.EventType;
import io.switchback.events.PromotionApproved;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.SwitchbackEvent;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an authenticated caller may write. Builds come from build credentials, for the services and registries of
 * their repository; commands come from operator credentials, in their environments, and a production approval
 * only from a configured approver. Who sent it is written from the credential, never taken from the body.
 * Every refusal is a 403 with the reason.
 */
public final class Permissions {

    private final Credentials credentials;

    public Permissions(Credentials credentials) {
        this.credentials = credentials;
    }

    /** Writes into a request body what its credential says: the sender's repository, or the operator's identity. */
    public void stamp(Caller caller, EventType type, ObjectNode data) {
        if (type == EventType.BUILD_COMPLETED) {
            if (!(caller instanceof Caller.BuildSender sender)) {
                throw Refusal.forbidden(caller.id() + " holds an operator credential, which cannot send builds: sign "
                        + "builds with the repository's");
            }
            String repository = sender.sender().repository();
            String claimed = data.path("repository").asString(null);
            if (claimed != null && !claimed.equalsIgnoreCase(repository)) {
                throw Refusal.forbidden("the body names repository " + claimed + ", the credential is " + repository + "'s");
            }
            data.put("repository", repository);
            return;
        }
        String field = Command.of(type).map(Command::identityField)
                .orElseThrow(() -> new IllegalArgumentException(type.ceType() + " is not written from HTTP"));
        if (!(caller instanceof Caller.OperatorCaller operator)) {
            throw Refusal.forbidden(caller.id() + " holds a build credential, which cannot send commands (rollback, "
                    + "approve, retry, verification): use an operator credential");
        }
        data.put(field, operator.operator().identity());
    }

    /** @throws Refusal 403 when this caller may not write this event */
    public void check(Caller caller, SwitchbackEvent event) {
        if (caller instanceof Caller.BuildSender sender) {
            checkBuild(sender.sender(), (BuildCompleted) event);
        } else if (caller instanceof Caller.GitHubWebhook github) {
            String repository = ((BuildCompleted) event).repository();
            if (!github.webhook().covers(repository)) {
                throw Refusal.forbidden("the webhook of " + github.webhook().scope() + " cannot deliver runs of "
                        + repository);
            }
        } else {
            checkCommand(((Caller.OperatorCaller) caller).operator(), (ReleaseEvent) event);
        }
    }

    private static void checkBuild(Credentials.Sender sender, BuildCompleted build) {
        if (!sender.owns(build.service())) {
            throw Refusal.forbidden(sender.repository() + " may not deploy " + build.service() + "; it may deploy "
                    + sender.services().stream().sorted().toList());
        }
        if (!sender.allowsImage(build.image())) {
            throw Refusal.forbidden("image " + build.image() + " is not from a registry " + sender.repository()
                    + " may use: " + sender.registries());
        }
    }

    private void checkCommand(Credentials.Operator operator, ReleaseEvent command) {
        Command sent = Command.of(command.type())
                .orElseThrow(() -> new IllegalArgumentException(command.type().ceType() + " is not a command"));
        if (!operator.maySend(sent)) {
            throw Refusal.forbidden(operator.identity() + " may send only " + operator.commands().stream()
                    .map(Command::trustName).sorted().toList() + " commands, not " + sent.trustName());
        }
        if (!operator.actsIn(command.environment())) {
            throw Refusal.forbidden(operator.identity() + " may not send commands in " + command.environment());
        }
        if (command instanceof PromotionApproved && !credentials.mayApprove(operator.identity(), command.environment())) {
            throw Refusal.forbidden(operator.identity() + " is not among the approvers of " + command.environment());
        }
    }
}
