package io.switchback.deployer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the deployer rolls out in its environment ({@code switchback.deployer.*}).
 *
 * @param branches            builds of these branches deploy here (staging: main); none by default
 * @param upstream            releases that became stable in this environment are promoted here (production:
 *                            staging); none by default. An environment with neither deploys nothing
 * @param approvalRequired    whether a release waits for an approval before it rolls out; unset: promotions
 *                            from upstream do, builds do not
 * @param approvers           who may approve ({@code approvedBy} of the command); empty: anyone the
 *                            build-listener lets send commands
 * @param verifications       the verifications (their {@code check} names) the pipeline must report passed for a
 *                            build upstream before its promotion here may start, e.g. integration-tests, load-test;
 *                            none by default
 * @param switchAfter         the cluster of this environment that switches a release first (the primary region);
 *                            this one switches only after it did. Empty: this cluster does not wait
 * @param switchWith          the other clusters of this environment (the failover regions) that must report a release
 *                            ready before this one (the primary) switches to it; empty: it waits for none
 * @param switchAfterTimeout  how long past the progress deadline a ready rollout waits for that cluster's switch, or
 *                            for those clusters' readiness
 * @param progressDeadline    from a rollout's start until the idle colour must be ready and checked
 * @param rollbackWindow      how long the previous colour stays warm after a switch (the soak)
 * @param preSwitchHealthPath GET on every new pod before the switch; empty to skip
 * @param reconcileInterval   how often every owned Service is looked at again, whatever the watches said
 * @param maxBuildAge         a build older than this is not deployed (a new consumer group reading old
 *                            builds, a deployer down for hours): ship it again, or retry it
 * @param maxCommandAge       a retry or an approval older than this is answered, not acted on
 * @param lockTimeout         how long the deployer's lock on a Service holds if it dies holding it
 * @param trafficDrain        after a switch, how long the colour traffic left is left alone before a rollout
 *                            may replace its pods: endpoints take time to propagate (kube-proxy, load
 *                            balancers), and requests already on their way must find the pods still there
 * @param hookDeadline        the longest a service's pre-swap hook Job may run (its activeDeadlineSeconds, unless
 *                            its template sets less); a hook still running then fails the rollout
 * @param canary              a canary before the swap: the new colour with a few pods beside the live one; off
 *                            with 0 replicas (the default)
 */
@Validated
@ConfigurationProperties("switchback.deployer")
public record DeployerProperties(
        @NotNull @DefaultValue({}) List<String> branches,
        @NotNull @DefaultValue("") String upstream,
        Boolean approvalRequired,
        @NotNull @DefaultValue({}) List<String> approvers,
        @NotNull @DefaultValue({}) List<String> verifications,
        @NotNull @DefaultValue("") String switchAfter,
        @NotNull @DefaultValue({}) List<String> switchWith,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("10m") Duration switchAfterTimeout,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("120s") Duration progressDeadline,
        @NotNull @DurationMin(millis = 100) @DefaultValue("15m") Duration rollbackWindow,
        @NotNull @DefaultValue("/actuator/health") String preSwitchHealthPath,
        @NotNull @DurationMin(millis = 100) @DefaultValue("5s") Duration reconcileInterval,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration maxBuildAge,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("10m") Duration maxCommandAge,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("30s") Duration lockTimeout,
        @NotNull @DefaultValue("30s") Duration trafficDrain,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("5m") Duration hookDeadline,
        @Valid @NotNull @DefaultValue Canary canary) {

    public DeployerProperties {
        if (!branches.isEmpty() && !upstream.isBlank()) {
            throw new IllegalArgumentException("switchback.deployer.branches and switchback.deployer.upstream are "
                    + "both set: an environment takes builds or promotions, not both");
        }
    }

    /**
     * @param replicas the new colour's pods while the Service selects both colours: their share of the ready pods is
     *                 the canary's share of the traffic; 0: no canary
     * @param duration how long the canary serves, judged by the health monitor, before the colour is scaled up and
     *                 the traffic switched
     */
    public record Canary(@Min(value = 0, message = "must be at least 0") @DefaultValue("0") int replicas,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("5m") Duration duration) {

        boolean enabled() {
            return replicas > 0;
        }
    }

    /** Whether a release waits for an approval before it rolls out, or, with a canary, before its swap. */
    boolean requiresApproval() {
        return approvalRequired != null ? approvalRequired : !upstream.isBlank();
    }

    /**
     * Whether a promotion's approval is its last gate at the swap, after its canary, rather than before it rolls out:
     * the approver then looks at a canary that served real traffic.
     */
    boolean approvalAtSwap() {
        return requiresApproval() && canary.enabled() && !upstream.isBlank();
    }

    /** The cluster whose switch of a release this one waits for, if any. */
    Optional<String> lead() {
        return switchAfter.isBlank() ? Optional.empty() : Optional.of(switchAfter);
    }

    /** Whether releases that became stable in {@code environment} are promoted here. */
    boolean promotesFrom(String environment) {
        return !upstream.isBlank() && upstream.equals(environment);
    }
}
