package io.switchback.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.switchback.events.BuildOrder;
import io.switchback.events.Color;
import io.switchback.events.HookOutcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HookJobTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");
    private static final Rollout ROLLOUT = new Rollout("checkout-staging-7f3a9c1e", "registry.example/checkout:1.5.0",
            "7f3a9c1", "b-1", new BuildOrder(1, 1), Color.GREEN, AT, AT.plusSeconds(120), null);
    private static final String TEMPLATE = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              labels:
                team: payments
            spec:
              backoffLimit: 0
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: migrate
                      image: ${IMAGE}
                      args: ["migrate", "--release", "${DEPLOYMENT_ID}", "--from", "${PREVIOUS_IMAGE}", "--service", "${SERVICE}"]
            """;

    @Test
    void aTemplateBecomesTheReleasesJobNamedAfterItWithItsValuesAndADeadline() {
        HookJob.Rendered rendered = HookJob.preSwap(TEMPLATE, "checkout", ROLLOUT,
                "registry.example/checkout:1.4.0", "shop", AT, Duration.ofMinutes(5));

        Job job = rendered.job();
        assertThat(rendered.problem()).isNull();
        assertThat(job.getMetadata().getName()).isEqualTo(HookJob.name("checkout", "pre-swap", ROLLOUT.deploymentId()))
                .matches("checkout-pre-swap-[0-9a-f]{8}");
        assertThat(job.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(job.getMetadata().getLabels()).containsEntry("team", "payments").containsEntry("app", "checkout")
                .containsEntry("switchback.io/hook", "pre-swap");
        assertThat(job.getMetadata().getAnnotations()).containsEntry("switchback.io/deployment-id", ROLLOUT.deploymentId())
                .containsEntry("switchback.io/started-at", AT.toString());
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(ROLLOUT.image());
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly("migrate",
                "--release", ROLLOUT.deploymentId(), "--from", "registry.example/checkout:1.4.0", "--service", "checkout");
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(300);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(86_400);
        assertThat(HookJob.startedAt(job, AT.plusSeconds(99))).isEqualTo(AT);
    }

    @Test
    void aShorterDeadlineOfTheTemplateStandsAndALongServiceNameStillGivesAValidJobName() {
        String shorter = TEMPLATE.replace("  backoffLimit: 0", "  backoffLimit: 0\n  activeDeadlineSeconds: 60")
                .replace("metadata:\n  labels:\n    team: payments\n", "");
        assertThat(shorter).doesNotContain("metadata");
        assertThat(HookJob.preSwap(shorter, "checkout", ROLLOUT, null, "shop", AT,
                Duration.ofMinutes(5)).job().getSpec().getActiveDeadlineSeconds()).isEqualTo(60);

        String longName = "a-very-long-service-name-that-fills-almost-every-character-of-a";
        assertThat(HookJob.name(longName, "pre-swap", "d-1")).hasSizeLessThanOrEqualTo(63)
                .matches("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$").doesNotContain("--");
    }

    @Test
    void aRollbackHookIsNamedAfterTheRollbackAndRunsWithTheRestoredAndTheRolledBackImages() {
        String template = """
                kind: Job
                spec:
                  template:
                    spec:
                      containers:
                        - name: down
                          image: ${IMAGE}
                          args: ["rollback", "--to", "${IMAGE}", "--from", "${ROLLED_BACK_IMAGE}", "--release", "${DEPLOYMENT_ID}", "--rollback", "${ROLLBACK_ID}"]
                """;
        Job job = HookJob.rollback(template, "checkout", "rb-1", "checkout-staging-2", "r/checkout:1", "r/checkout:2",
                "shop", AT, Duration.ofMinutes(5)).job();

        assertThat(job.getMetadata().getName()).isEqualTo(HookJob.name("checkout", "rollback", "rb-1"))
                .startsWith("checkout-rollback-");
        assertThat(job.getMetadata().getLabels()).containsEntry("switchback.io/hook", "rollback");
        assertThat(job.getMetadata().getAnnotations()).containsEntry("switchback.io/rollback-id", "rb-1")
                .containsEntry("switchback.io/deployment-id", "checkout-staging-2");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly("rollback",
                "--to", "r/checkout:1", "--from", "r/checkout:2", "--release", "checkout-staging-2", "--rollback", "rb-1");
    }

    @Test
    void aTemplateThatIsNoJobIsAProblemNamedForThePerson() {
        assertThat(HookJob.preSwap("kind: Job\nspec: [", "checkout", ROLLOUT, null, "shop", AT,
                Duration.ofMinutes(5)).problem()).startsWith("the pre-swap template in ConfigMap checkout-switchback-hooks"
                        + " is not a Job manifest: ");
        assertThat(HookJob.preSwap("kind: Job\nmetadata:\n  name: x\n", "checkout", ROLLOUT, null,
                "shop", AT, Duration.ofMinutes(5)).problem()).endsWith("has no spec.template: it is not a Job manifest");
    }

    @Test
    void aJobEndsByItsConditionsOrByTheDeadlineWhileItStillRuns() {
        Job running = HookJob.preSwap(TEMPLATE, "checkout", ROLLOUT, null, "shop", AT,
                Duration.ofMinutes(5)).job();
        Instant deadline = AT.plusSeconds(300);

        assertThat(HookJob.finished(running, deadline, AT.plusSeconds(10))).isEmpty();
        assertThat(HookJob.finished(running, deadline, deadline)).hasValueSatisfying(run -> {
            assertThat(run.outcome()).isEqualTo(HookOutcome.TIMED_OUT);
            assertThat(run.reason()).isEqualTo("not finished within 300 s");
        });
        assertThat(HookJob.finished(withCondition(running, "Complete", null, null), deadline, AT.plusSeconds(12)))
                .hasValueSatisfying(run -> {
                    assertThat(run.outcome()).isEqualTo(HookOutcome.SUCCEEDED);
                    assertThat(run.startedAt()).isEqualTo(AT);
                    assertThat(run.finishedAt()).isEqualTo(AT.plusSeconds(12));
                    assertThat(run.reason()).isNull();
                });
        assertThat(HookJob.finished(withCondition(running, "Failed", "BackoffLimitExceeded",
                "Job has reached the specified backoff limit"), deadline, AT.plusSeconds(12)))
                .hasValueSatisfying(run -> {
                    assertThat(run.outcome()).isEqualTo(HookOutcome.FAILED);
                    assertThat(run.reason()).isEqualTo("BackoffLimitExceeded: Job has reached the specified backoff limit");
                });
        assertThat(HookJob.finished(withCondition(running, "Failed", "DeadlineExceeded",
                "Job was active longer than specified deadline"), deadline, AT.plusSeconds(301)))
                .hasValueSatisfying(run -> assertThat(run.outcome()).isEqualTo(HookOutcome.TIMED_OUT));
    }

    private static Job withCondition(Job job, String type, String reason, String message) {
        return new JobBuilder(job).withNewStatus().addNewCondition().withType(type).withStatus("True")
                .withReason(reason).withMessage(message).withLastTransitionTime(AT.plusSeconds(12).toString())
                .endCondition().endStatus().build();
    }
}
