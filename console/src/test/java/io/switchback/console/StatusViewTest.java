package io.switchback.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.events.Color;
import io.switchback.events.DeploymentHeld;
import io.switchback.events.DeploymentPromotionPending;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentSuperseded;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.PromotionApproved;
import io.switchback.events.RollbackCause;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackTimings;
import io.switchback.events.RollbackTrigger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusViewTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final String DEP = "checkout-production-7f3a9c1";
    private static final String IMAGE = "registry.example/checkout:1.5.0";

    private final StatusView view = new StatusView(new ConsoleProperties(3, 2, 10));

    @Test
    void theReleaseInProgressShowsTheGateItWaitsOnPerClusterUntilItEnds() {
        view.apply(new DeploymentPromotionPending("a1", T0, "production", "checkout", DEP, IMAGE, "7f3a9c1", "staging",
                "checkout-staging-7f3a9c1", "approval", null), "us-central1");
        assertThat(status("us-central1")).satisfies(c -> {
            assertThat(c.inProgress()).isEqualTo(DEP);
            assertThat(c.waitsOn()).isEqualTo("approval");
            assertThat(c.step()).contains("stable in staging");
        });

        view.apply(new PromotionApproved("a2", T0.plusSeconds(1), "production", "checkout", DEP, "release-manager", null), "");
        view.apply(new DeploymentStarted("a3", T0.plusSeconds(2), "production", "checkout", DEP, IMAGE, "7f3a9c1", "b1",
                Color.GREEN, Color.BLUE, "registry.example/checkout:1.4.0", null, "a2", "release-manager"), "us-east1");
        view.apply(new DeploymentHeld("a4", T0.plusSeconds(3), "production", "checkout", DEP, IMAGE, "us-central1",
                "the primary switches first", T0.plusSeconds(600)), "us-east1");

        assertThat(status("us-east1")).satisfies(c -> {
            assertThat(c.liveColor()).as("the live colour its rollout started from").isEqualTo("blue");
            assertThat(c.waitsOn()).isEqualTo("us-central1: the primary switches first");
        });

        view.apply(new DeploymentTrafficSwitched("a5", T0.plusSeconds(4), "production", "checkout", DEP, Color.GREEN,
                IMAGE, Color.BLUE, "registry.example/checkout:1.4.0", T0.plusSeconds(904), null), "us-east1");
        view.apply(new DeploymentStable("a6", T0.plusSeconds(904), "production", "checkout", DEP, Color.GREEN, IMAGE,
                900_000, "7f3a9c1", "b1", 1L, 1), "us-east1");

        assertThat(status("us-east1")).satisfies(c -> {
            assertThat(c.liveColor()).isEqualTo("green");
            assertThat(c.inProgress()).isNull();
            assertThat(c.waitsOn()).isNull();
            assertThat(c.lastOutcome()).isEqualTo(DEP + " stable");
        });
        EnvironmentRecord.Snapshot production = view.environment("production").orElseThrow();
        assertThat(production.timeline()).as("the latest three, newest first").extracting(TimelineEntry::type)
                .containsExactly("deployment.stable", "deployment.traffic-switched", "deployment.held");
        assertThat(view.release(DEP)).hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo("stable"));
        assertThat(production.releases()).hasSize(1).as("an approval names a release without being one");
    }

    @Test
    void aBuildsRolloutsSayWhereTheyStandInEachEnvironment() {
        assertThat(view.build("b1")).isEmpty();
        view.apply(new DeploymentStarted("c1", T0, "staging", "checkout", "checkout-staging-7f3a9c1", IMAGE, "7f3a9c1",
                "b1", Color.GREEN, Color.BLUE, "registry.example/checkout:1.4.0", null, null, null), "");
        assertThat(view.build("b1")).singleElement().satisfies(p -> {
            assertThat(p.phase()).isEqualTo("rolling out");
            assertThat(p.switchedAt()).isNull();
        });

        view.apply(new DeploymentTrafficSwitched("c2", T0.plusSeconds(20), "staging", "checkout",
                "checkout-staging-7f3a9c1", Color.GREEN, IMAGE, Color.BLUE, "registry.example/checkout:1.4.0",
                T0.plusSeconds(920), null), "");
        view.apply(new DeploymentStarted("c3", T0.plusSeconds(30), "production", "checkout", DEP, IMAGE, "7f3a9c1",
                "b1", Color.GREEN, Color.BLUE, "registry.example/checkout:1.4.0", null, "a2", "release-manager"), "");
        view.apply(new DeploymentStable("c4", T0.plusSeconds(920), "staging", "checkout", "checkout-staging-7f3a9c1",
                Color.GREEN, IMAGE, 900_000, "7f3a9c1", "b1", 1L, 1), "");

        assertThat(view.build("b1")).extracting(ReleaseRecord.Progress::environment, ReleaseRecord.Progress::phase,
                        ReleaseRecord.Progress::switchedAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("staging", "stable", T0.plusSeconds(20)),
                        org.assertj.core.groups.Tuple.tuple("production", "rolling out", null));
        assertThat(view.build("b2")).isEmpty();
    }

    @Test
    void aReleaseSupersededByOneThatWasRolledBackIsLiveAgain() {
        String next = "checkout-staging-8b4c2d0";
        view.apply(new DeploymentTrafficSwitched("b1", T0, "staging", "checkout", DEP, Color.GREEN, IMAGE, Color.BLUE,
                "registry.example/checkout:1.4.0", T0.plusSeconds(900), null), "");
        view.apply(new DeploymentTrafficSwitched("b2", T0.plusSeconds(60), "staging", "checkout", next, Color.BLUE,
                "registry.example/checkout:1.6.0", Color.GREEN, IMAGE, T0.plusSeconds(960), null), "");
        view.apply(new DeploymentSuperseded("b3", T0.plusSeconds(60), "staging", "checkout", DEP, IMAGE, next), "");
        assertThat(view.release(DEP)).hasValueSatisfying(r -> assertThat(r.outcome()).startsWith("superseded"));

        view.apply(new RollbackCompleted("b4", T0.plusSeconds(70), "staging", "checkout", next, "r1",
                new RollbackCause(RollbackTrigger.MANUAL, "c1", null, null, null, "operator"), Color.BLUE, Color.GREEN,
                IMAGE, new RollbackTimings(null, T0.plusSeconds(69), T0.plusSeconds(69), T0.plusSeconds(70))), "");

        assertThat(view.release(DEP)).hasValueSatisfying(r ->
                assertThat(r.outcome()).isEqualTo("live again: " + next + " was rolled back"));
        assertThat(view.release(next)).hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo("rolled back"));
    }

    private ClusterStatus status(String cluster) {
        return view.environment("production").orElseThrow().services().get("checkout").stream()
                .filter(c -> c.cluster().equals(cluster)).findFirst().orElseThrow();
    }
}
