package io.switchback.deployer;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.switchback.events.BuildCompleted;
import io.switchback.events.CloudEventCodec;
import io.switchback.events.DeploymentRetryRequested;
import io.switchback.events.DeploymentReady;
import io.switchback.events.DeploymentStable;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HealthBreached;
import io.switchback.events.HealthSoakPassed;
import io.switchback.events.PromotionApproved;
import io.switchback.events.ReleaseEvent;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.Topic;
import io.switchback.events.VerificationRecorded;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Header;

/**
 * Hands builds, the releases that became stable upstream, the commands of this environment and its health monitor's
 * soak passes to the intake; an offset is committed once taken.
 */
class DeployerListeners {

    private final Intake intake;
    private final String environment;
    private final String cluster;
    private final DeployerProperties properties;

    /** @param cluster this cluster's name ({@code switchback.cluster}); blank in an environment of one cluster */
    DeployerListeners(Intake intake, String environment, String cluster, DeployerProperties properties) {
        this.intake = intake;
        this.environment = environment;
        this.cluster = cluster;
        this.properties = properties;
    }

    @KafkaListener(topics = Topic.Names.BUILDS)
    void onBuild(SwitchbackEvent event) {
        if (event instanceof BuildCompleted build) {
            intake.build(build);
        }
    }

    /** Releases stable upstream; and, in a cluster that switches after another, that cluster's switches. */
    @KafkaListener(topics = Topic.Names.DEPLOYMENTS)
    void onDeployment(SwitchbackEvent event,
            @Header(name = CloudEventCodec.CLUSTER_HEADER, required = false) byte[] writtenIn) {
        String cluster = clusterOf(writtenIn);
        if (event instanceof DeploymentStable stable && properties.promotesFrom(stable.environment())) {
            intake.promote(stable);
        } else if (event instanceof DeploymentReady ready && environment.equals(ready.environment())
                && properties.switchWith().contains(cluster)) {
            intake.followerReady(ready, cluster);
        } else if (event instanceof DeploymentTrafficSwitched switched && environment.equals(switched.environment())
                && fromLead(writtenIn)) {
            intake.leadSwitched(switched);
        }
    }

    /** In a cluster that switches after another, that cluster's rollbacks: what it rolled back is not switched to. */
    @KafkaListener(topics = Topic.Names.ROLLBACKS)
    void onRollback(SwitchbackEvent event,
            @Header(name = CloudEventCodec.CLUSTER_HEADER, required = false) byte[] writtenIn) {
        if (event instanceof RollbackCompleted rollback && environment.equals(rollback.environment())
                && fromLead(writtenIn)) {
            intake.leadRolledBack(rollback);
        }
    }

    /**
     * This cluster's health monitor's soak verdicts (a release's soak ends as stable only on its pass), and every
     * cluster's breaches of a canary.
     */
    @KafkaListener(topics = Topic.Names.HEALTH)
    void onHealth(SwitchbackEvent event,
            @Header(name = CloudEventCodec.CLUSTER_HEADER, required = false) byte[] writtenIn) {
        if (event instanceof HealthSoakPassed passed && environment.equals(passed.environment())
                && cluster.equals(clusterOf(writtenIn))) {
            intake.soakPassed(passed);
        } else if (event instanceof HealthBreached breach && environment.equals(breach.environment())
                && properties.canary().enabled()) {
            // from any cluster of the environment: a canary bad in one is removed in all
            intake.canaryBreached(breach);
        }
    }

    private boolean fromLead(byte[] writtenIn) {
        return writtenIn != null && properties.lead().orElse("").equals(clusterOf(writtenIn));
    }

    /** The cluster an event was written in ({@code ce_cluster}); blank in an environment of one cluster. */
    private static String clusterOf(byte[] writtenIn) {
        return writtenIn == null ? "" : new String(writtenIn, UTF_8);
    }

    @KafkaListener(topics = Topic.Names.COMMANDS)
    void onCommand(SwitchbackEvent event) {
        if (event instanceof VerificationRecorded verification) {
            // about a build upstream: a gate of its promotion here
            if (properties.promotesFrom(verification.environment())) {
                intake.verify(verification);
            }
            return;
        }
        if (!(event instanceof ReleaseEvent command) || !environment.equals(command.environment())) {
            return;
        }
        if (event instanceof DeploymentRetryRequested retry) {
            intake.retry(retry);
        } else if (event instanceof PromotionApproved approval) {
            intake.approve(approval);
        }
    }
}
