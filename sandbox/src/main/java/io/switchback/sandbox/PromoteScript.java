package io.switchback.sandbox;

import io.switchback.events.DeploymentPromotionPending;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HealthBreached;
import io.switchback.events.PromotionApproved;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.RollbackCompleted;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The promotion: a release ships to staging, soaks there and becomes stable; production's two regions each take it
 * as a candidate waiting for approval; a signed approval lets it go; us-central1 switches, then us-east1; the
 * release then fails during production's soak (its pods crash some seconds after they start: after staging's
 * short soak, within production's longer one) and is rolled back in both regions. Prints the timeline and the
 * figures measured from each region's traffic record.
 */
public final class PromoteScript {

    static final String RELEASE = "registry.example/checkout:1.5.0-crash-after-30";
    public static final String PRIMARY = "us-central1";
    public static final String FAILOVER = "us-east1";
    static final String STAGING_SOAK = "10s";
    static final String PRODUCTION_SOAK = "90s";
    private static final Duration STEP = Duration.ofSeconds(120);

    /** What was measured: from the approval to each region's switch, and each region's rollback. */
    record Figures(Duration approvalToPrimary, Duration approvalToFailover, Map<String, LoopFigures> rollbacks) {

        boolean withinRto() {
            return rollbacks.size() == 2
                    && rollbacks.values().stream().allMatch(f -> f.onsetToRestored().compareTo(DemoScript.RTO) <= 0);
        }
    }

    private final Sandbox staging;
    private final List<ProductionRegion> regions;
    private final PrintWriter out;
    private final StoryOutput story;

    PromoteScript(Sandbox staging, List<ProductionRegion> regions, PrintWriter out) {
        this.staging = staging;
        this.regions = regions;
        this.out = out;
        this.story = new StoryOutput(staging, out);
    }

    /** Staging with a short soak, for the story: the release must fail after it and within production's. */
    public static Sandbox.Options stagingOptions(Sandbox.Options defaults) {
        return defaults.withServices(1, Map.of("switchback.deployer.rollback-window", STAGING_SOAK));
    }

    public static Map<String, String> productionSettings() {
        return Map.of("switchback.deployer.rollback-window", PRODUCTION_SOAK);
    }

    /** @return the figures, or empty if a step did not happen (said on {@code out}) */
    Optional<Figures> run() {
        EventTimeline timeline = staging.timeline();
        say("checkout is live on blue at 1.4.0 in staging and in production's %s and %s", PRIMARY, FAILOVER);
        say("shipping %s to staging (its pods crash 30 s after they start: after staging's %s soak,"
                + " within production's %s)", RELEASE, STAGING_SOAK, PRODUCTION_SOAK);
        new Releases(staging).build(RELEASE);
        Optional<DeploymentStable> stable = timeline.await(DeploymentStable.class,
                s -> Sandbox.ENVIRONMENT.equals(s.environment()) && s.image().equals(RELEASE), STEP);
        if (stable.isEmpty()) {
            return failed("the release did not become stable in staging");
        }
        say("stable in staging after its soak; production's regions take it as a candidate");
        Map<String, DeploymentPromotionPending> pending = inBoth(DeploymentPromotionPending.class,
                p -> p.image().equals(RELEASE));
        if (pending.size() < 2) {
            return failed("both regions did not hold the candidate for approval");
        }
        String deploymentId = pending.get(PRIMARY).deploymentId();
        say("approving %s, as %s, with a signed command", deploymentId, SandboxTrust.OPERATOR);
        HttpResponse<String> answer = staging.buildListener().post("v1/commands/approve", """
                {"environment":"production","service":"%s","deploymentId":"%s",\
                "comment":"soaked clean in staging"}""".formatted(Sandbox.SERVICE, deploymentId));
        Optional<PromotionApproved> approved = timeline.await(PromotionApproved.class,
                a -> a.deploymentId().equals(deploymentId), STEP);
        if (answer.statusCode() != 202 || approved.isEmpty()) {
            return failed("the approval was not accepted: " + answer.statusCode() + " " + answer.body());
        }
        Map<String, DeploymentTrafficSwitched> switched = inBoth(DeploymentTrafficSwitched.class,
                s -> s.deploymentId().equals(deploymentId));
        if (switched.size() < 2) {
            return failed("the release did not take the traffic in both regions");
        }
        say("swapped in %s, then %s; soaking", PRIMARY, FAILOVER);
        Map<String, RollbackCompleted> rollbacks = inBoth(RollbackCompleted.class,
                r -> r.deploymentId().equals(deploymentId));
        Optional<HealthBreached> breach = timeline.await(HealthBreached.class,
                b -> b.deploymentId().equals(deploymentId), Duration.ZERO);
        if (rollbacks.size() < 2 || breach.isEmpty()) {
            return failed("the release was not rolled back in both regions during production's soak");
        }
        Map<String, LoopFigures> figures = new LinkedHashMap<>();
        for (ProductionRegion region : regions) {
            LoopFigures.await(region.traffic(), r -> !r.ok(), switched.get(region.name()).occurredAt(), "1.4.0",
                    breach.get(), rollbacks.get(region.name()), STEP).ifPresent(f -> figures.put(region.name(), f));
        }
        if (figures.size() < 2) {
            return failed("the traffic records do not show the fault and the restoration in both regions");
        }
        Instant approvedAt = approved.get().occurredAt();
        return Optional.of(new Figures(Duration.between(approvedAt, switched.get(PRIMARY).occurredAt()),
                Duration.between(approvedAt, switched.get(FAILOVER).occurredAt()), figures));
    }

    /** The first event of that type and environment production from each region, waiting for both. */
    private <T extends ReleaseEvent> Map<String, T> inBoth(Class<T> type, Predicate<T> matching) {
        Map<String, T> found = new LinkedHashMap<>();
        for (ProductionRegion region : regions) {
            staging.timeline().awaitEntry(type, (event, cluster) -> region.name().equals(cluster)
                    && ProductionRegion.ENVIRONMENT.equals(event.environment()) && matching.test(event), STEP)
                    .map(EventTimeline.Entry::event).map(type::cast).ifPresent(e -> found.put(region.name(), e));
        }
        return found;
    }

    void report(Figures figures) {
        out.println();
        out.println("Timeline (seconds from the start; <environment>/<service>@<cluster>):");
        TimelinePrinter.print(out, staging.startedAt(), staging.timeline());
        out.println();
        out.println("Measured (events, and each production region's traffic record):");
        out.printf("  approval -> swapped in %-11s %7d ms%n", PRIMARY, figures.approvalToPrimary().toMillis());
        out.printf("  approval -> swapped in %-11s %7d ms%n", FAILOVER, figures.approvalToFailover().toMillis());
        figures.rollbacks().forEach((region, f) -> out.printf(
                "  %-11s fault onset -> breach %6d ms, -> selector switched %6d ms, -> traffic restored %6d ms"
                        + " (RTO budget %d s)%n", region, f.onsetToBreach().toMillis(),
                f.onsetToBreach().plus(f.breachToSwitched()).toMillis(), f.onsetToRestored().toMillis(),
                DemoScript.RTO.toSeconds()));
        out.flush();
    }


    private <T> Optional<T> failed(String what) {
        return story.failed(what);
    }

    private void say(String format, Object... args) {
        story.say(format, args);
    }

}
