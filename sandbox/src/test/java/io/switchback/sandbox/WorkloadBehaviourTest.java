package io.switchback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkloadBehaviourTest {

    @Test
    void aPlainVersionIsHealthy() {
        WorkloadBehaviour b = WorkloadBehaviour.fromImage("registry.example/checkout:1.4.0");
        assertThat(b.version()).isEqualTo("1.4.0");
        assertThat(b.errorRatio()).isZero();
        assertThat(b.slowMillis()).isZero();
        assertThat(b.unready()).isFalse();
        assertThat(b.circuitBreakerOpen()).isFalse();
        assertThat(b.problems()).isEmpty();
    }

    @Test
    void faultsComeFromTheTag() {
        assertThat(WorkloadBehaviour.fromImage("r.example/checkout:1.5.0-errors-5").errorRatio()).isEqualTo(0.05);
        assertThat(WorkloadBehaviour.fromImage("checkout:1.5.0-errors-0.5").errorRatio()).isEqualTo(0.005);
        assertThat(WorkloadBehaviour.fromImage("checkout:1.5.0-slow-800").slowMillis()).isEqualTo(800);
        assertThat(WorkloadBehaviour.fromImage("checkout:1.5.0-unready").unready()).isTrue();
        assertThat(WorkloadBehaviour.fromImage("checkout:1.5.0-cb-open").circuitBreakerOpen()).isTrue();
        WorkloadBehaviour combined = WorkloadBehaviour.fromImage("host:5000/team/checkout:2.0.0-rc1-errors-10-slow-300");
        assertThat(combined.version()).isEqualTo("2.0.0-rc1");
        assertThat(combined.errorRatio()).isEqualTo(0.10);
        assertThat(combined.slowMillis()).isEqualTo(300);
        assertThat(combined.problems()).isEmpty();
        WorkloadBehaviour hooked = WorkloadBehaviour.fromImage("checkout:1.6.0-errors-5-hook-fails");
        assertThat(hooked.version()).as("a hook's fate is the Job's, not the pods'").isEqualTo("1.6.0");
        assertThat(hooked.errorRatio()).isEqualTo(0.05);
        assertThat(hooked.problems()).isEmpty();
    }

    @Test
    void podsThatTurnUnreadyOrCrashAfterSomeSeconds() {
        WorkloadBehaviour unready = WorkloadBehaviour.fromImage("checkout:1.5.0-unready-after-30");
        assertThat(unready.unreadyAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(unready.unready()).isFalse();
        assertThat(unready.crashAfter()).isNull();
        assertThat(unready.version()).isEqualTo("1.5.0");
        WorkloadBehaviour crash = WorkloadBehaviour.fromImage("checkout:1.5.0-crash-after-2.5-errors-1");
        assertThat(crash.crashAfter()).isEqualTo(Duration.ofMillis(2500));
        assertThat(crash.errorRatio()).isEqualTo(0.01);
        assertThat(crash.unreadyAfter()).isNull();
        assertThat(crash.problems()).isEmpty();
        assertThat(WorkloadBehaviour.fromImage("checkout:1.4.0").crashAfter()).isNull();
    }

    @Test
    void aMalformedUnreadyOrCrashIsIgnoredWithAReason() {
        assertThat(WorkloadBehaviour.fromImage("checkout:1.0-crash-after-0").problems())
                .containsExactly("'crash-after' needs seconds above 0, up to 86400, got '0': ignored",
                        "unknown fault '0': ignored");
        assertThat(WorkloadBehaviour.fromImage("checkout:1.0-unready-after-soon").problems()).first().asString()
                .contains("'unready-after' needs seconds");
        assertThat(WorkloadBehaviour.fromImage("checkout:1.0-unready-after").problems()).hasSize(1);
        WorkloadBehaviour crash = WorkloadBehaviour.fromImage("checkout:1.0-crash-later");
        assertThat(crash.crashAfter()).isNull();
        assertThat(crash.problems()).first().asString().contains("'crash' must be followed by 'after-SECONDS'");
    }

    @Test
    void aRegistryPortIsNotATag() {
        WorkloadBehaviour b = WorkloadBehaviour.fromImage("localhost:5000/checkout");
        assertThat(b.version()).isEqualTo("latest");
        assertThat(b.problems()).isEmpty();
    }

    @Test
    void malformedFaultsAreIgnoredWithAReason() {
        WorkloadBehaviour b = WorkloadBehaviour.fromImage("checkout:1.5.0-errors-abc-slow-0-cb-closed-boom");
        assertThat(b.version()).isEqualTo("1.5.0");
        assertThat(b.errorRatio()).isZero();
        assertThat(b.slowMillis()).isZero();
        assertThat(b.circuitBreakerOpen()).isFalse();
        assertThat(b.problems()).anySatisfy(p -> assertThat(p).contains("'errors' needs a percentage"))
                .anySatisfy(p -> assertThat(p).contains("'slow' needs milliseconds"))
                .anySatisfy(p -> assertThat(p).contains("'cb' must be followed by 'open'"))
                .anySatisfy(p -> assertThat(p).contains("unknown fault 'boom'"));
        assertThat(WorkloadBehaviour.fromImage("checkout:1.0-errors-101").problems()).hasSize(2);
        assertThat(WorkloadBehaviour.fromImage("checkout:1.0-errors").problems()).hasSize(1);
    }

    @Test
    void noImageMeansHealthyDefaults() {
        assertThat(WorkloadBehaviour.fromImage(null).problems()).containsExactly("no image: healthy defaults");
        assertThat(WorkloadBehaviour.fromImage(" ").version()).isEqualTo("latest");
    }
}
