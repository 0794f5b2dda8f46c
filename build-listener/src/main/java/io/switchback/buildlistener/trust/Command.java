package io.switchback.buildlistener.trust;

import io.switchback.events.EventType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The commands an operator may send: the trust file's name of each (an operator's {@code commands}), the event it
 * becomes, and the field of that event that names who sent it, which the credential fills.
 */
public enum Command {
    ROLLBACK("rollback", EventType.ROLLBACK_REQUESTED, "requestedBy"),
    APPROVE("approve", EventType.PROMOTION_APPROVED, "approvedBy"),
    RETRY("retry", EventType.DEPLOYMENT_RETRY, "requestedBy"),
    VERIFICATION("verification", EventType.VERIFICATION_RECORDED, "reportedBy");

    private final String trustName;
    private final EventType type;
    private final String identityField;

    Command(String trustName, EventType type, String identityField) {
        this.trustName = trustName;
        this.type = type;
        this.identityField = identityField;
    }

    /** The trust file's name of the command, which is also its path under {@code /v1/commands/}. */
    public String trustName() {
        return trustName;
    }

    /** The event the command becomes. */
    public EventType type() {
        return type;
    }

    String identityField() {
        return identityField;
    }

    /** The command an event is, if it is one. */
    static Optional<Command> of(EventType type) {
        return Arrays.stream(values()).filter(c -> c.type == type).findFirst();
    }

    static Optional<Command> named(String trustName) {
        return Arrays.stream(values()).filter(c -> c.trustName.equals(trustName)).findFirst();
    }

    /** The trust file's names, sorted, for a message. */
    static List<String> names() {
        return Arrays.stream(values()).map(Command::trustName).sorted().toList();
    }
}
