package io.switchback.delivery;

import io.switchback.delivery.Command.Result;
import io.switchback.testkit.RequiredTool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A bash script a workflow step runs, run the same way: {@code bash <script> ...}. */
final class ActionScript {

    private final Path script;

    private ActionScript(Path script) {
        this.script = script;
    }

    static ActionScript publish() {
        require("bash", "openssl", "curl", "jq");
        return new ActionScript(RepositoryFiles.resolve(".github/actions/publish-build-event/publish.sh"));
    }

    static ActionScript eventBody() {
        require("bash", "jq");
        return new ActionScript(RepositoryFiles.resolve(".github/actions/publish-build-event/event-body.sh"));
    }

    static ActionScript chatNotification() {
        require("bash", "jq", "curl");
        return new ActionScript(RepositoryFiles.resolve(".github/scripts/notify.sh"));
    }

    private static void require(String... tools) {
        for (String tool : tools) {
            RequiredTool.require(tool);
        }
    }

    /** Runs the script with {@code env} added to the environment (no SWITCHBACK_ or GITHUB_ variables inherited). */
    Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        return Command.run(command, "", env);
    }
}
