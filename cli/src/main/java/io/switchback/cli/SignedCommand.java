package io.switchback.cli;

import io.switchback.events.EventJson;
import io.switchback.events.EventKeys;
import io.switchback.events.SwitchbackEvent;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A command sent signed with the operator's credential and then followed: every event of the service is printed until
 * one settles the command, and the exit status says how it ended. The topics are opened before the command is sent,
 * so nothing it causes can be missed.
 */
abstract class SignedCommand implements Callable<Integer> {

    /** Where following a command stands after an event: still waiting, or settled with an exit status. */
    enum Outcome { WAITING, DONE, FAILED }

    @ParentCommand
    Switchback root;

    @Option(names = "--env", paramLabel = "ENVIRONMENT",
            description = "The environment (default: the 'environment' setting).")
    String environmentOption;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT10M",
            description = "How long to follow the command, as ISO-8601 (default ${DEFAULT-VALUE}); past it, exit 3.")
    Duration timeout;

    /** The command's path under the listener, e.g. {@code v1/commands/rollback}. */
    abstract String path();

    abstract String service();

    /** The request body, less environment and service. */
    abstract void body(ObjectNode body);

    /** Whether {@code event} settles the command whose event id is {@code commandId}. */
    abstract Outcome judge(SwitchbackEvent event, String cluster, String commandId);

    @Override
    public Integer call() {
        String environment = root.environment(environmentOption, "the environment the command is for");
        Settings settings = root.settings();
        OperatorClient client = new OperatorClient(settings);
        try (EventStream stream = new EventStream(settings.kafka(), null)) {
            ObjectNode body = EventJson.mapper().createObjectNode();
            body.put("environment", environment);
            body.put("service", service());
            body(body);
            OperatorClient.Answer answer = client.post(path(), EventJson.mapper().writeValueAsString(body));
            if (!answer.accepted()) {
                root.out().println("refused (" + answer.status() + "): " + answer.body());
                return Switchback.FAILED;
            }
            JsonNode answered = EventJson.mapper().readTree(answer.body());
            String commandId = answered.path("eventId").asString();
            root.out().printf("%s %s: %s%n", answered.path("status").asString(), answered.path("type").asString(),
                    commandId);
            return follow(stream, EventKeys.release(environment, service()), commandId);
        }
    }

    private int follow(EventStream stream, String key, String commandId) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (EventStream.Seen seen : stream.poll(Duration.ofMillis(500))) {
                if (!key.equals(seen.event().key()) || Lines.figures(seen.event())) {
                    continue;
                }
                root.out().println(Lines.human(seen));
                Outcome outcome = judge(seen.event(), seen.cluster(), commandId);
                if (outcome != Outcome.WAITING) {
                    root.out().flush();
                    return outcome == Outcome.DONE ? 0 : Switchback.FAILED;
                }
            }
            root.out().flush();
        }
        root.out().println("timed out after " + timeout + " without an outcome; `switchback watch` follows it further");
        return Switchback.TIMED_OUT;
    }
}
