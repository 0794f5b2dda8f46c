package io.switchback.sandbox.scenario;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.switchback.sandbox.Sandbox;
import io.switchback.sandbox.SimulatedCluster;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does to the sandbox what a normal week does to a real installation: CI posts builds (signed, sometimes
 * twice), people post commands and edit the Service, instances restart or die mid-way, the API server goes
 * away for a while. Everything it posts and had accepted goes into the {@link ScenarioLog}.
 */
final class Operator {

    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");
    private static final int POST_ATTEMPTS = 5;

    private final Sandbox sandbox;
    private final ScenarioLog log;
    private final Random random;

    Operator(Sandbox sandbox, ScenarioLog log, Random random) {
        this.sandbox = sandbox;
        this.log = log;
        this.random = random;
    }

    /** The body CI would sign for a build of {@code image} in run {@code runId}, attempt {@code attempt}. */
    static String buildBody(String image, long runId, int attempt) {
        return """
                {"service":"%s","image":"%s","commit":"%07x","branch":"main","repository":"example/checkout",\
                "workflowRunId":%d,"runAttempt":%d,"conclusion":"success"}""".formatted(Sandbox.SERVICE, image,
                runId, runId, attempt);
    }

    /** Posts a build body; returns the accepted build, recorded in the log. */
    ScenarioLog.PostedBuild build(String image, long runId, int attempt) {
        String eventId = post("v1/builds", buildBody(image, runId, attempt));
        ScenarioLog.PostedBuild build = new ScenarioLog.PostedBuild(eventId, Sandbox.SERVICE, image, runId, attempt,
                Instant.now());
        log.build(build);
        return build;
    }

    ScenarioLog.PostedCommand rollback(String deploymentId) {
        String named = deploymentId == null ? "" : ",\"deploymentId\":\"" + deploymentId + "\"";
        return command("rollback", "v1/commands/rollback", deploymentId, """
                {"environment":"%s","service":"%s","reason":"the scenario asks"%s}"""
                .formatted(Sandbox.ENVIRONMENT, Sandbox.SERVICE, named));
    }

    ScenarioLog.PostedCommand retry(String deploymentId) {
        return command("retry", "v1/commands/retry", deploymentId, """
                {"environment":"%s","service":"%s","deploymentId":"%s"}"""
                .formatted(Sandbox.ENVIRONMENT, Sandbox.SERVICE, deploymentId));
    }

    ScenarioLog.PostedCommand approve(String deploymentId) {
        return command("approve", "v1/commands/approve", deploymentId, """
                {"environment":"%s","service":"%s","deploymentId":"%s"}"""
                .formatted(Sandbox.ENVIRONMENT, Sandbox.SERVICE, deploymentId));
    }

    private ScenarioLog.PostedCommand command(String kind, String path, String deploymentId, String body) {
        ScenarioLog.PostedCommand command = new ScenarioLog.PostedCommand(kind, post(path, body), Sandbox.SERVICE,
                deploymentId, Instant.now());
        log.command(command);
        return command;
    }

    /**
     * Posts as the action does, with the operator's credential (which names who asked): again, as the same
     * delivery, on no answer or 5xx; never on a 4xx.
     */
    private String post(String path, String body) {
        RuntimeException last = null;
        String delivery = UUID.randomUUID().toString();
        for (int attempt = 1; attempt <= POST_ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = sandbox.buildListener().post(path, body, delivery);
                Matcher id = EVENT_ID.matcher(response.body());
                if ((response.statusCode() == 202 || response.statusCode() == 200) && id.find()) {
                    return id.group(1);
                }
                if (response.statusCode() < 500) {
                    throw new IllegalStateException("build-listener refused " + path + " with "
                            + response.statusCode() + ": " + response.body());
                }
                last = new IllegalStateException("build-listener answered " + response.statusCode());
            } catch (IllegalStateException e) {
                if (e.getMessage().startsWith("build-listener refused")) {
                    throw e;
                }
                last = e;
            }
            Pause.of(Duration.ofMillis(500L * attempt));
        }
        throw last;
    }

    /** Stops one instance of {@code service} and starts another in its place; returns what it did. */
    String restart(String service) {
        List<String> running = sandbox.instances(service);
        String stopped = running.get(random.nextInt(running.size()));
        sandbox.stop(stopped);
        String started = sandbox.start(service);
        return stopped + " -> " + started;
    }

    /**
     * Kills the instance of {@code service} that next writes an event of a matching type, right after the
     * cluster change the event announces and before Kafka has it; starts another. Returns what it did, or
     * that nothing wrote such an event within {@code within}.
     */
    String crashBeforeEvent(String service, Predicate<String> ceType, Duration within) {
        List<String> running = sandbox.instances(service);
        List<CountDownLatch> frozen = running.stream().map(i -> Freezer.arm(i, ceType)).toList();
        try {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < running.size(); i++) {
                    if (frozen.get(i).await(50, TimeUnit.MILLISECONDS)) {
                        running.forEach(Freezer::disarm);
                        sandbox.stop(running.get(i));
                        return running.get(i) + " killed before its event -> " + sandbox.start(service);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.forEach(Freezer::disarm);
        return "no " + service + " event within " + within.toSeconds() + " s";
    }

    void apiOutage(Duration duration) {
        sandbox.cluster().unavailableFor(duration);
    }

    /**
     * A person edits the Service (an annotation of their own), making every writer's next guarded write stale.
     * When a writer got in between their read and their write (409), they read again and retry, as kubectl edit
     * asks a person to.
     */
    void personEdits() {
        for (int attempt = 1; ; attempt++) {
            try {
                sandbox.cluster().client(SimulatedCluster.SANDBOX).services().inNamespace(Sandbox.NAMESPACE)
                        .withName(Sandbox.SERVICE).edit(s -> {
                            s.getMetadata().getAnnotations().put("team.example/last-touched", Instant.now().toString());
                            return s;
                        });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    static boolean deploymentsTopic(String ceType) {
        return ceType.startsWith("io.switchback.deployment.") && !ceType.contains("skipped");
    }

    static boolean rollbacksTopic(String ceType) {
        return ceType.startsWith("io.switchback.rollback.") && !ceType.contains("skipped");
    }
}
