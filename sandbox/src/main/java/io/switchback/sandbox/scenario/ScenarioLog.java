package io.switchback.sandbox.scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the scenario itself did, as its own record: the builds and commands it posted and had accepted. */
public final class ScenarioLog {

    /** A build the build-listener accepted (2xx). */
    public record PostedBuild(String eventId, String service, String image, long runId, int attempt,
            Instant postedAt) {
    }

    /** A command the build-listener accepted (2xx): {@code rollback}, {@code retry} or {@code approve}. */
    public record PostedCommand(String kind, String eventId, String service, String deploymentId, Instant postedAt) {
    }

    private final List<PostedBuild> builds = new ArrayList<>();
    private final List<PostedCommand> commands = new ArrayList<>();

    public synchronized void build(PostedBuild build) {
        builds.add(build);
    }

    public synchronized void command(PostedCommand command) {
        commands.add(command);
    }

    public synchronized List<PostedBuild> builds() {
        return List.copyOf(builds);
    }

    public synchronized List<PostedCommand> commands() {
        return List.copyOf(commands);
    }
}
