package io.switchback.buildlistener.github;

import static io.switchback.buildlistener.trust.TrustConfigurationException.require;

import io.switchback.buildlistener.BuildListenerProperties;
import io.switchback.buildlistener.trust.TrustConfigurationException;
import io.switchback.events.EventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which builds a GitHub {@code workflow_run} delivery stands for, by configuration: (repository, workflow, branch)
 * to services and an image reference template. A run that is not completed, did not succeed, ran a fork's code or
 * maps to nothing stands for no build, and the reason says which. Pure: no I/O.
 */
public final class WorkflowRuns {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private static final Set<String> PLACEHOLDERS =
            Set.of("owner", "repo", "service", "head_sha", "short_sha", "branch", "run_id", "run_attempt");

    /** The builds a run stands for (request bodies of {@code /v1/builds}), or none and why. */
    public record Mapped(List<ObjectNode> builds, String reason) {
    }

    private final List<BuildListenerProperties.Workflow> workflows;

    /** @throws TrustConfigurationException naming a mapping that cannot work */
    public WorkflowRuns(List<BuildListenerProperties.Workflow> workflows) {
        for (int i = 0; i < workflows.size(); i++) {
            check(workflows.get(i), "switchback.build-listener.github.workflows[" + i + "]");
        }
        this.workflows = List.copyOf(workflows);
    }

    public Mapped map(JsonNode payload) {
        JsonNode run = payload.path("workflow_run");
        String repository = payload.path("repository").path("full_name").asString("");
        String action = payload.path("action").asString("");
        if (!"completed".equals(action)) {
            return none("action " + action + ": only a completed run deploys");
        }
        String conclusion = run.path("conclusion").asString("");
        if (!"success".equals(conclusion)) {
            return none("the run concluded " + conclusion + "; nothing deployed");
        }
        String headRepository = run.path("head_repository").path("full_name").asString("");
        if (!headRepository.equalsIgnoreCase(repository)) {
            return none("the run built " + headRepository + "'s code, not " + repository + "'s; nothing deployed");
        }
        String branch = run.path("head_branch").asString("");
        String path = run.path("path").asString("");
        List<ObjectNode> builds = new ArrayList<>();
        for (BuildListenerProperties.Workflow workflow : workflows) {
            if (workflow.repository().equalsIgnoreCase(repository) && names(workflow.workflow(), path, run)
                    && workflow.branches().contains(branch)) {
                for (String service : workflow.services()) {
                    builds.add(build(workflow, service, repository, run));
                }
            }
        }
        return builds.isEmpty()
                ? none("workflow " + path + " on " + branch + " of " + repository + " maps to no service; nothing deployed")
                : new Mapped(List.copyOf(builds), null);
    }

    private static boolean names(String configured, String path, JsonNode run) {
        return configured.equals(path) || path.endsWith("/" + configured)
                || configured.equals(run.path("name").asString(null));
    }

    private static ObjectNode build(BuildListenerProperties.Workflow workflow, String service, String repository,
            JsonNode run) {
        String sha = run.path("head_sha").asString("");
        String[] ownerAndRepo = repository.toLowerCase(Locale.ROOT).split("/", 2);
        Map<String, String> values = Map.of("owner", ownerAndRepo[0], "repo", ownerAndRepo[1], "service", service,
                "head_sha", sha, "short_sha", sha.substring(0, Math.min(7, sha.length())),
                "branch", run.path("head_branch").asString(""), "run_id", run.path("id").asString(""),
                "run_attempt", run.path("run_attempt").asString("1"));
        Matcher m = PLACEHOLDER.matcher(workflow.image());
        StringBuilder image = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(image, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(image);
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("service", service);
        body.put("image", image.toString());
        body.put("commit", sha);
        body.put("branch", run.path("head_branch").asString(""));
        body.put("repository", repository);
        body.set("workflowRunId", run.path("id"));
        if (run.has("run_attempt")) {
            body.set("runAttempt", run.path("run_attempt"));
        }
        body.put("conclusion", "success");
        return body;
    }

    private static void check(BuildListenerProperties.Workflow w, String at) {
        require(w.repository() != null && w.repository().contains("/"), at + ".repository", "must be owner/name");
        require(w.workflow() != null && !w.workflow().isBlank(), at + ".workflow", "must name the workflow");
        require(!w.branches().isEmpty(), at + ".branches", "must list the branches whose runs deploy");
        require(!w.services().isEmpty(), at + ".services", "must list the services the workflow builds");
        require(w.image() != null && !w.image().isBlank(), at + ".image", "must be an image reference template");
        Matcher m = PLACEHOLDER.matcher(w.image());
        while (m.find()) {
            require(PLACEHOLDERS.contains(m.group(1)), at + ".image", "has {" + m.group(1) + "}; known: " + PLACEHOLDERS);
        }
    }


    private static Mapped none(String reason) {
        return new Mapped(List.of(), reason);
    }
}
