package io.switchback.sandbox;

import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentTrafficSwitched;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ships builds of the sample service the way CI would, and follows each to its traffic switch. */
public final class Releases {

    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");
    private static final Duration ROLLOUT_TIMEOUT = Duration.ofSeconds(90);

    private final Supplier<SignedClient> buildListener;
    private final EventTimeline timeline;
    private final AtomicLong runId = new AtomicLong(1000);

    public Releases(Sandbox sandbox) {
        this(sandbox::buildListener, sandbox.timeline());
    }

    /**
     * @param buildListener the build-listener to post to, asked on every post (an instance may have been replaced)
     * @param timeline      the events, read from before the first post
     */
    public Releases(Supplier<SignedClient> buildListener, EventTimeline timeline) {
        this.buildListener = buildListener;
        this.timeline = timeline;
    }

    /** The body of a successful build of the sample service, as its pipeline posts it; a run id per build. */
    public static String buildBody(String image, long workflowRunId) {
        return """
                {"service":"%s","image":"%s","commit":"%s","branch":"main","repository":"example/checkout",\
                "workflowRunId":%d,"conclusion":"success"}""".formatted(Sandbox.SERVICE, image,
                HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "abc", workflowRunId);
    }

    /** Posts a signed build of {@code image}; returns the build event id the listener acknowledged. */
    public String build(String image) {
        HttpResponse<String> response = buildListener.get().post("v1/builds", buildBody(image, runId.incrementAndGet()));
        Matcher id = EVENT_ID.matcher(response.body());
        if (response.statusCode() != 202 || !id.find()) {
            throw new IllegalStateException("build-listener answered " + response.statusCode() + ": " + response.body());
        }
        return id.group(1);
    }

    /** Ships {@code image} and waits for its traffic switch; empty if the rollout failed or timed out. */
    public Optional<DeploymentTrafficSwitched> release(String image) {
        String buildId = build(image);
        Optional<DeploymentStarted> started = timeline.await(DeploymentStarted.class,
                s -> s.buildEventId().equals(buildId), ROLLOUT_TIMEOUT);
        if (started.isEmpty()) {
            return Optional.empty();
        }
        String deploymentId = started.get().deploymentId();
        Optional<DeploymentTrafficSwitched> switched = Optional.empty();
        for (long waited = 0; switched.isEmpty() && waited < ROLLOUT_TIMEOUT.toMillis(); waited += 500) {
            switched = timeline.await(DeploymentTrafficSwitched.class, s -> s.deploymentId().equals(deploymentId),
                    Duration.ofMillis(500));
            if (timeline.await(DeploymentFailed.class, f -> f.deploymentId().equals(deploymentId), Duration.ZERO)
                    .isPresent()) {
                return Optional.empty();
            }
        }
        return switched;
    }
}
