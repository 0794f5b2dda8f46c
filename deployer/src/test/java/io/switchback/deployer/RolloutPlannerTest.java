package io.switchback.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildConclusion;
import io.switchback.events.Color;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutPlannerTest {

    private final RolloutPlanner planner = new RolloutPlanner("staging", List.of("main"));
    private final BuildCompleted build = Fixtures.build(Fixtures.NEXT, "main", BuildConclusion.SUCCESS);

    @Test
    void aSuccessfulBuildOfMainRollsOutToTheIdleColour() {
        RolloutPlan plan = planner.plan(build, Fixtures.service("blue", true), Fixtures.deployment("blue", Fixtures.GOOD, 2));

        assertThat(plan).isInstanceOfSatisfying(RolloutPlan.Rollout.class, rollout -> {
            assertThat(rollout.idleColor()).isEqualTo(Color.GREEN);
            assertThat(rollout.idleDeploymentName()).isEqualTo("checkout-green");
            assertThat(rollout.liveImage()).isEqualTo(Fixtures.GOOD);
            assertThat(rollout.deploymentId()).matches("checkout-staging-[0-9a-f]{10}")
                    .isEqualTo(planner.deploymentId(build));
        });
    }

    @Test
    void theDeploymentIdIsStablePerBuildAndEnvironment() {
        assertThat(planner.deploymentId(build)).isEqualTo(new RolloutPlanner("staging", List.of()).deploymentId(build));
        assertThat(planner.deploymentId(build)).isNotEqualTo(new RolloutPlanner("production", List.of()).deploymentId(build));
        assertThat(planner.deploymentId(build))
                .isNotEqualTo(planner.deploymentId(Fixtures.build(Fixtures.GOOD, "main", BuildConclusion.SUCCESS)));
    }

    @Test
    void everyReasonNotToDeployIsSaid() {
        assertSkip(planner.plan(Fixtures.build(Fixtures.NEXT, "main", BuildConclusion.FAILURE), null, null),
                "the build concluded failure");
        assertSkip(planner.plan(Fixtures.build(Fixtures.NEXT, "feature/x", BuildConclusion.SUCCESS), null, null),
                "branch feature/x does not deploy to staging");
        assertSkip(planner.plan(build, null, null), "no Service checkout");
        assertSkip(planner.plan(build, Fixtures.service("blue", false), null), "is not annotated switchback.io/managed");
        Service noColour = new ServiceBuilder(Fixtures.service("blue", true)).editSpec()
                .withSelector(Map.of("app", "checkout")).endSpec().build();
        assertSkip(planner.plan(build, noColour, null), "selects no blue or green colour");
        Service alreadyLive = new ServiceBuilder(Fixtures.service("green", true)).editMetadata()
                .addToAnnotations("switchback.io/deployment-id", planner.deploymentId(build)).endMetadata().build();
        assertSkip(planner.plan(build, alreadyLive, Fixtures.deployment("green", Fixtures.NEXT, 2)), "is already live");
        assertSkip(planner.plan(build, Fixtures.service("blue", true), null), "the live Deployment checkout-blue does not exist");
        assertSkip(planner.plan(build, Fixtures.service("blue", true), Fixtures.deployment("blue", Fixtures.NEXT, 2)),
                "image registry.example/checkout:1.5.0 is already live");
    }

    private static void assertSkip(RolloutPlan plan, String reason) {
        assertThat(plan).isInstanceOfSatisfying(RolloutPlan.Skip.class, s -> assertThat(s.reason()).contains(reason));
    }
}
