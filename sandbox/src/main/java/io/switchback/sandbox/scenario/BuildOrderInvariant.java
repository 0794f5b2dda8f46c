package io.switchback.sandbox.scenario;

import io.switchback.events.BuildOrder;
import io.switchback.events.DeploymentStarted;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 4. Nothing older replaces something newer without an operator asking: per service, the rollouts started
 * for builds (retries aside) follow the build order strictly, so an older build, a replay and a duplicate
 * delivery never start one.
 */
final class BuildOrderInvariant implements Invariant {

    @Override
    public String name() {
        return "4 build-order";
    }

    @Override
    public int check(Facts facts, List<Violation> violations) {
        Map<String, ScenarioLog.PostedBuild> posted = new HashMap<>();
        facts.ground().log().builds().forEach(b -> posted.put(b.eventId(), b));
        Map<String, BuildOrder> newest = new HashMap<>();
        int checks = 0;
        for (DeploymentStarted started : facts.of(DeploymentStarted.class)) {
            if (started.retryCommandId() != null) {
                continue;
            }
            checks++;
            ScenarioLog.PostedBuild build = posted.get(started.buildEventId());
            if (build == null) {
                violations.add(new Violation(name(), "unknown:" + started.eventId(), started.occurredAt(),
                        "a rollout of a build nobody posted", "deployment.started " + started.eventId()));
                continue;
            }
            BuildOrder order = new BuildOrder(build.runId(), build.attempt());
            BuildOrder before = newest.get(started.service());
            if (before != null && order.compareTo(before) <= 0) {
                violations.add(new Violation(name(), "order:" + started.eventId(), started.occurredAt(),
                        "build of run " + order.wire() + " rolled out after run " + before.wire(),
                        "deployment.started " + started.eventId() + " (" + started.image() + ")"));
            } else {
                newest.put(started.service(), order);
            }
        }
        return checks;
    }
}
